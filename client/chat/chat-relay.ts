/**
 * The chat channels on top of an operator connection (architecture §3), the same in the tray's
 * main process and in the browser: sessions.list, chat.history, chat.send (a fresh UUID as
 * idempotency key, which is also the run id), chat.abort, models.list, sessions.patch; and the
 * gateway's events as ChatEventViews — `chat` events, with the run's reasoning and tool cards
 * from `agent` events and the exec approvals (`exec.approval.*`) its tool calls wait on. Give it
 * every gateway event through onGatewayEvent; it picks what concerns chat.
 *
 * The gateway names sessions canonically (`agent:main:chat-1`) while the view may use the short
 * key it made up (`chat-1`). Events and history are reported under the key the view used for
 * that run or session, so a transcript recognises its own events.
 */
import type { ActionResult, ChatEventView, ChatHistoryView, ModelView, SessionView } from '../../shared/ipc/contract.js';
import { describeFailure } from '../describe-failure.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';
import { BoundedMap } from './bounded-map.js';
import {
  agentEventPayload,
  approvalRequestedPayload,
  approvalResolvedPayload,
  asksForProvider,
  chatAbortResult,
  chatEventPayload,
  chatHistoryResult,
  modelsListResult,
  sessionsListResult,
} from './chat-schemas.js';
import { LiveRuns } from './live-runs.js';
import { historyViews } from './message-views.js';
import { modelViews, sessionView } from './session-views.js';

export interface ChatRelayOptions {
  request: GatewayRequest;
  emit: (event: ChatEventView) => void;
  /** Ids for new runs; Web Crypto's randomUUID (in Node and browsers alike) by default. */
  newRunId?: () => string;
  /** Is the operator connection up? Lists are empty while it is not. */
  connected: () => boolean;
}

const HISTORY_LIMIT = 200;
const MODELS_TIMEOUT_MS = 15_000;

/** Web Crypto is a global in Node 19+ and every browser; typed here so client/ needs neither's types. */
function randomUUID(): string {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();
}

/** The assistant text of a chat event: `message.content[0].text` (the run's text so far). */
function eventText(content: readonly Record<string, unknown>[] | undefined): string | undefined {
  const first = content?.[0];
  return first !== undefined && typeof first['text'] === 'string' ? first['text'] : undefined;
}

export class ChatRelay {
  readonly #options: ChatRelayOptions;
  /** runId → the session key the view sent it on. */
  readonly #runKeys = new BoundedMap<string, string>(500);
  /** runId → the canonical session key of a run another client started (from its events). */
  readonly #runSessions = new BoundedMap<string, string>(500);
  /** canonical key → the key the view uses for it. */
  readonly #aliases = new BoundedMap<string, string>(500);
  /** runId → its text so far, for a terminal event that carries none. */
  readonly #texts = new BoundedMap<string, string>(100);
  readonly #live = new LiveRuns();
  /** A session list asked for ahead of the chat page (prefetchSessions), until it is taken. */
  #sessionsAhead: Promise<SessionView[]> | undefined;

  constructor(options: ChatRelayOptions) {
    this.#options = options;
  }

  /**
   * Asks for the session list now, for a chat page about to open on a fresh connection: its first
   * listSessions then takes this answer instead of asking only after it has rendered. A chat or
   * agent event, or the next prefetch, drops an answer not taken yet, so none is ever stale.
   */
  prefetchSessions(): void {
    const ahead = this.#listSessions();
    ahead.catch(() => undefined);
    this.#sessionsAhead = ahead;
  }

  listSessions(): Promise<SessionView[]> {
    const ahead = this.#sessionsAhead;
    this.#sessionsAhead = undefined;
    return ahead ?? this.#listSessions();
  }

  async #listSessions(): Promise<SessionView[]> {
    if (!this.#options.connected()) return [];
    const result = parsed('sessions.list', sessionsListResult, await this.#options.request('sessions.list', { includeDerivedTitles: true }));
    return result.sessions.map((row) => sessionView(row, this.#aliases.get(row.key) ?? row.key)).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async history(sessionKey: string): Promise<ChatHistoryView> {
    const result = parsed('chat.history', chatHistoryResult, await this.#options.request('chat.history', { sessionKey, limit: HISTORY_LIMIT }));
    if (result.sessionKey !== sessionKey) this.#aliases.set(result.sessionKey, sessionKey);
    const running = result.activeRuns?.find((run) => run.runId !== '');
    for (const run of result.activeRuns ?? []) this.#runKeys.set(run.runId, sessionKey);
    return {
      sessionKey,
      messages: historyViews(result.messages),
      ...(running ? { streaming: { runId: running.runId, text: running.text ?? '', ...this.#live.parts(running.runId) } } : {}),
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
      // The chat view learns of it like of any failed run, with the link to Settings.
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
    return modelViews(parsed('models.list', modelsListResult, await this.#options.request('models.list', {}, { timeoutMs: MODELS_TIMEOUT_MS })));
  }

  async setModel(sessionKey: string, model: string): Promise<ActionResult> {
    try {
      await this.#options.request('sessions.patch', { key: sessionKey, model });
      return { ok: true };
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }

  /** Any gateway event: `chat`, `agent` and `exec.approval.*` concern chat; the rest is ignored. */
  onGatewayEvent(event: string, payload: unknown): void {
    if (event === 'chat' || event === 'agent') this.#sessionsAhead = undefined;
    switch (event) {
      case 'chat':
        this.onGatewayChatEvent(payload);
        break;
      case 'agent':
        if (agentEventPayload.check(payload)) {
          if (payload.stream === 'lifecycle' && payload.data.sessionKey !== undefined) this.#runSessions.set(payload.runId, payload.data.sessionKey);
          if (this.#live.onAgentEvent(payload)) this.#emitParts(payload.runId);
        }
        break;
      case 'exec.approval.requested':
        if (approvalRequestedPayload.check(payload) && this.#live.onApprovalRequested(payload)) this.#emitParts(payload.request.runId ?? '');
        break;
      case 'exec.approval.resolved':
        if (approvalResolvedPayload.check(payload) && this.#live.onApprovalResolved(payload)) this.#emitParts(payload.request?.runId ?? '');
        break;
      default:
        break;
    }
  }

  /** A gateway `chat` event → one ChatEventView with the run's parts so far; anything malformed is dropped. */
  onGatewayChatEvent(payload: unknown): void {
    if (!chatEventPayload.check(payload)) return;
    const { runId, state } = payload;
    const sentOn = this.#runKeys.get(runId);
    if (sentOn !== undefined && sentOn !== payload.sessionKey) this.#aliases.set(payload.sessionKey, sentOn);
    const sessionKey = sentOn ?? this.#aliases.get(payload.sessionKey) ?? payload.sessionKey;
    const text = eventText(payload.message?.content) ?? this.#texts.get(runId) ?? '';
    const parts = this.#live.parts(runId);
    if (state === 'delta') {
      this.#texts.set(runId, text);
      this.#runSessions.set(runId, payload.sessionKey);
    } else {
      this.#texts.delete(runId);
      this.#runKeys.delete(runId);
      this.#runSessions.delete(runId);
      this.#live.forget(runId);
    }
    const error = state === 'error' ? (payload.errorMessage ?? 'the run failed') : undefined;
    this.#options.emit({ sessionKey, runId, state, text, ...parts, ...(error === undefined ? {} : { error }) });
  }

  /** The run's text and parts so far, as a delta, when the view can tell whose run it is. */
  #emitParts(runId: string): void {
    const canonical = this.#runSessions.get(runId);
    const sessionKey = this.#runKeys.get(runId) ?? (canonical === undefined ? undefined : (this.#aliases.get(canonical) ?? canonical));
    if (sessionKey === undefined) return;
    this.#options.emit({ sessionKey, runId, state: 'delta', text: this.#texts.get(runId) ?? '', ...this.#live.parts(runId) });
  }
}
