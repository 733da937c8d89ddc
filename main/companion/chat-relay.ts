/**
 * The chat channels on top of the operator connection (architecture §3): sessions.list,
 * chat.history, chat.send (a fresh UUID as idempotency key, which is also the run id),
 * chat.abort, models.list, sessions.patch; and the gateway's `chat` events as `chat:event`s.
 *
 * The gateway names sessions canonically (`agent:main:chat-1`) while the renderer may use the
 * short key it made up (`chat-1`). Events and history are reported under the key the renderer
 * used for that run or session, so a transcript recognises its own events.
 */
import { randomUUID } from 'node:crypto';
import type { ActionResult, ChatEventView, ChatHistoryView, ModelView, SessionView } from '../../shared/ipc/contract.js';
import {
  asksForProvider,
  chatAbortResult,
  chatEventPayload,
  chatHistoryResult,
  chatMessageView,
  eventText,
  modelsListResult,
  modelViews,
  sessionsListResult,
  sessionView,
} from './chat-views.js';
import { BoundedMap } from './bounded-map.js';
import { describeFailure } from './describe-failure.js';

export type GatewayRequest = (method: string, params: unknown, options?: { timeoutMs?: number }) => Promise<unknown>;

export interface ChatRelayOptions {
  request: GatewayRequest;
  emit: (event: ChatEventView) => void;
  newRunId?: () => string;
  /** Is the operator connection up? Lists are empty while it is not. */
  connected: () => boolean;
}

const HISTORY_LIMIT = 200;
const MODELS_TIMEOUT_MS = 15_000;

export class ChatRelay {
  readonly #options: ChatRelayOptions;
  /** runId → the session key the renderer sent it on. */
  readonly #runKeys = new BoundedMap<string, string>(500);
  /** canonical key → the key the renderer uses for it. */
  readonly #aliases = new BoundedMap<string, string>(500);
  /** runId → its text so far, for a terminal event that carries none. */
  readonly #texts = new BoundedMap<string, string>(100);

  constructor(options: ChatRelayOptions) {
    this.#options = options;
  }

  async listSessions(): Promise<SessionView[]> {
    if (!this.#options.connected()) return [];
    const result = await this.#options.request('sessions.list', { includeDerivedTitles: true });
    if (!sessionsListResult.check(result)) throw new Error(`sessions.list answered in an unexpected shape (${sessionsListResult.firstError(result)})`);
    return result.sessions
      .map((row) => sessionView(row, this.#aliases.get(row.key) ?? row.key))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async history(sessionKey: string): Promise<ChatHistoryView> {
    const result = await this.#options.request('chat.history', { sessionKey, limit: HISTORY_LIMIT });
    if (!chatHistoryResult.check(result)) throw new Error(`chat.history answered in an unexpected shape (${chatHistoryResult.firstError(result)})`);
    if (result.sessionKey !== sessionKey) this.#aliases.set(result.sessionKey, sessionKey);
    const running = result.activeRuns?.find((run) => run.runId !== '');
    for (const run of result.activeRuns ?? []) this.#runKeys.set(run.runId, sessionKey);
    return {
      sessionKey,
      messages: result.messages.map(chatMessageView),
      ...(running ? { streaming: { runId: running.runId, text: running.text ?? '' } } : {}),
    };
  }

  async send(sessionKey: string, text: string): Promise<ActionResult & { runId?: string; needsProvider?: boolean }> {
    const runId = (this.#options.newRunId ?? randomUUID)();
    this.#runKeys.set(runId, sessionKey);
    try {
      await this.#options.request('chat.send', { sessionKey, message: text, idempotencyKey: runId });
      return { ok: true, runId };
    } catch (error) {
      this.#runKeys.delete(runId);
      const message = describeFailure(error);
      const needsProvider = asksForProvider(error);
      // The chat window learns of it like of any failed run, with the link to Settings.
      this.#options.emit({ sessionKey, runId, state: 'error', text: '', error: message, ...(needsProvider ? { needsProvider } : {}) });
      return { ok: false, message, ...(needsProvider ? { needsProvider } : {}) };
    }
  }

  async abort(sessionKey: string): Promise<ActionResult> {
    try {
      const result = await this.#options.request('chat.abort', { sessionKey });
      if (!chatAbortResult.check(result)) return { ok: false, message: `chat.abort answered in an unexpected shape (${chatAbortResult.firstError(result)})` };
      return result.aborted ? { ok: true } : { ok: true, message: 'Nothing was running in this session.' };
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }

  async listModels(): Promise<ModelView[]> {
    if (!this.#options.connected()) return [];
    const result = await this.#options.request('models.list', {}, { timeoutMs: MODELS_TIMEOUT_MS });
    if (!modelsListResult.check(result)) throw new Error(`models.list answered in an unexpected shape (${modelsListResult.firstError(result)})`);
    return modelViews(result);
  }

  async setModel(sessionKey: string, model: string): Promise<ActionResult> {
    try {
      await this.#options.request('sessions.patch', { key: sessionKey, model });
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }

  /** A gateway `chat` event → one `chat:event`; anything malformed is dropped. */
  onGatewayChatEvent(payload: unknown): void {
    if (!chatEventPayload.check(payload)) return;
    const { runId, state } = payload;
    const sentOn = this.#runKeys.get(runId);
    if (sentOn !== undefined && sentOn !== payload.sessionKey) this.#aliases.set(payload.sessionKey, sentOn);
    const sessionKey = sentOn ?? this.#aliases.get(payload.sessionKey) ?? payload.sessionKey;
    const text = eventText(payload.message?.content) ?? this.#texts.get(runId) ?? '';
    if (state === 'delta') this.#texts.set(runId, text);
    else {
      this.#texts.delete(runId);
      this.#runKeys.delete(runId);
    }
    const error = state === 'error' ? (payload.errorMessage ?? 'the run failed') : undefined;
    this.#options.emit({
      sessionKey,
      runId,
      state,
      text,
      ...(error === undefined ? {} : { error }),
    });
  }
}
