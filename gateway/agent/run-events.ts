import type { EventBus } from '../core/events/event-bus.js';
import { JsonTextBytes } from './json-text-bytes.js';
import type { RunResult, RunStreamEvent } from './active-run.js';
import type { AgentEvent, TokenUsage } from '../../shared/protocol/agent/events.js';
import type { ChatErrorDetail, ChatErrorKind, ChatEventMessage } from '../../shared/protocol/chat/events.js';

export type AgentStream = AgentEvent['stream'];

/** `(stream, data)` of one agent event: the data shape follows the stream (spec §15.2). */
export type AgentEventArgs = { [S in AgentStream]: [stream: S, data: Extract<AgentEvent, { stream: S }>['data']] }[AgentStream];

/**
 * `(state, fields)` of a run's closing chat event (spec §15.4); deltas go through assistantDelta.
 * `text` is the reply so far: an error event carries it only when something was said.
 */
export type ChatEventArgs =
  | [state: 'final', fields: { text: string; stopReason: string; usage?: TokenUsage }]
  | [state: 'aborted', fields: { text: string; stopReason: string }]
  | [state: 'error', fields: { text: string; errorMessage: string; errorKind: ChatErrorKind; errorDetail: ChatErrorDetail }];

type AgentEventBase = Pick<AgentEvent, 'runId' | 'seq'>;

/**
 * What clients may see of a reply (TurnRequest.visibleText): `textSoFar` is the model's cumulative
 * text; `done` is true for the whole reply (the closing chat event). Called once per streamed chunk.
 */
export type OutboundTextFilter = (textSoFar: string, done: boolean) => string;

/** The agent event payload; lifecycle data names the run's session (the reference AgentEvent is closed). */
function agentEventPayload(
  base: AgentEventBase,
  run: { sessionKey: string; agentId: string },
  ...[stream, data]: AgentEventArgs
): AgentEvent {
  const ts = Date.now();
  switch (stream) {
    case 'lifecycle':
      return { ...base, stream, ts, data: { ...data, sessionKey: run.sessionKey, agentId: run.agentId } };
    case 'assistant':
      return { ...base, stream, ts, data };
    case 'thinking':
      return { ...base, stream, ts, data };
    case 'tool':
      return { ...base, stream, ts, data };
    case 'usage':
      return { ...base, stream, ts, data };
    case 'delivery':
      return { ...base, stream, ts, data };
  }
}

function messageView(text: string, state: ChatEventArgs[0]): { message?: ChatEventMessage } {
  if (state === 'error' && text === '') return {};
  return { message: { role: 'assistant', content: [{ type: 'text', text }], timestamp: Date.now() } };
}

/**
 * Emits one run's `agent` and `chat` events (spec §15.2, §15.4) with the run's own sequence:
 * it starts at 1 and grows by one per agent event; chat events carry the current value.
 */
export class RunEvents {
  private seq = 0;
  /** The fixed start of this run's token payloads, up to the seq (see assistantDelta). */
  private readonly agentJsonStart: string;
  private readonly chatJsonStart: string;
  /** The reply so far as its JSON literal, brought up to date when a delta is serialised. */
  private readonly textJson = new JsonTextBytes();
  /** A delta rewrote the text (`replace`) since textJson was last brought up to date. */
  private textRewritten = false;

  constructor(
    private readonly bus: EventBus,
    private readonly run: { runId: string; sessionKey: string; agentId: string },
    /** The run's own followers (a channel reply), told each text chunk after its broadcast. */
    private readonly follow?: { readonly observed: boolean; emit(event: RunStreamEvent): void },
    /** Set for turns whose text must not reach clients as the model wrote it (a heartbeat's HEARTBEAT_OK). */
    private readonly visibleText?: OutboundTextFilter,
  ) {
    const runId = JSON.stringify(run.runId);
    this.agentJsonStart = `{"runId":${runId},"seq":`;
    this.chatJsonStart = `{"runId":${runId},"sessionKey":${JSON.stringify(run.sessionKey)},"agentId":${JSON.stringify(run.agentId)},"seq":`;
  }

  /**
   * One streamed text chunk: the `agent` assistant event, then the `chat` delta — the same bytes
   * agent('assistant', {text, delta}) and chat('delta', {text, deltaText}) would send. This is
   * the per-token path, and the cumulative text is most of both frames, so it is serialised once
   * for the two (not twice), under one timestamp, and not at all when nobody can receive them.
   */
  assistantDelta(text: string, delta: string): void {
    if (this.visibleText) {
      this.filteredDelta(text);
      return;
    }
    this.emitDelta(text, delta, false);
  }

  /** What clients were last shown of a filtered run's text. */
  private shownText = '';

  /**
   * A filtered run's chunk: what is visible now, against what was shown. Nothing new → no event;
   * more of the same → its new end as the delta; anything else (the filter took back text it had
   * shown) → the whole visible text, marked `replace` on the chat delta.
   */
  private filteredDelta(text: string): void {
    const visible = this.visibleText!(text, false);
    const shown = this.shownText;
    if (visible === shown) return;
    this.shownText = visible;
    if (visible.startsWith(shown)) this.emitDelta(visible, visible.slice(shown.length), false);
    else this.emitDelta(visible, visible, true);
  }

  private emitDelta(text: string, delta: string, replace: boolean): void {
    this.seq += 1;
    const seq = this.seq;
    const ts = Date.now();
    if (replace) this.textRewritten = true;
    let textJson: Buffer | undefined;
    let deltaJson: string | undefined;
    const serialiseTexts = (): void => {
      if (textJson === undefined) {
        if (this.textRewritten) this.textJson.resetTo(text);
        else this.textJson.extendTo(text, delta);
        this.textRewritten = false;
        textJson = this.textJson.view();
      }
      deltaJson ??= JSON.stringify(delta);
    };
    const bus = this.bus;
    // The reply so far (textJson, without its closing quote) is a piece of its own that no frame copies (BroadcastFrame).
    bus.broadcastSerialised('agent', () => {
      serialiseTexts();
      return [`${this.agentJsonStart}${seq},"stream":"assistant","ts":${ts},"data":{"text":`, textJson!, `","delta":${deltaJson}}}`];
    });
    bus.broadcastSerialised('chat', () => {
      serialiseTexts();
      return [
        `${this.chatJsonStart}${seq},"state":"delta","message":{"role":"assistant","content":[{"type":"text","text":`,
        textJson!,
        `"}],"timestamp":${ts}},"deltaText":${deltaJson}${replace ? ',"replace":true' : ''}}`,
      ];
    });
    if (this.follow?.observed) this.follow.emit({ kind: 'text', text, delta });
  }

  /** The model's last step is over and called no tool: followers may send the reply now (RunStreamEvent). */
  replyEnd(): void {
    if (this.follow?.observed) this.follow.emit({ kind: 'reply-end' });
  }

  agent(...args: AgentEventArgs): void {
    this.seq += 1;
    this.bus.broadcast('agent', agentEventPayload({ runId: this.run.runId, seq: this.seq }, this.run, ...args));
  }

  chat(...[state, fields]: ChatEventArgs): void {
    const base = { runId: this.run.runId, sessionKey: this.run.sessionKey, agentId: this.run.agentId, seq: this.seq };
    const message = messageView(this.visibleText ? this.visibleText(fields.text, true) : fields.text, state);
    switch (state) {
      case 'final':
        this.bus.broadcast('chat', { ...base, state, ...message, ...(fields.usage ? { usage: fields.usage } : {}), stopReason: fields.stopReason });
        return;
      case 'aborted':
        this.bus.broadcast('chat', { ...base, state, ...message, stopReason: fields.stopReason });
        return;
      case 'error':
        this.bus.broadcast('chat', {
          ...base,
          state,
          ...message,
          errorMessage: fields.errorMessage,
          errorKind: fields.errorKind,
          errorDetail: fields.errorDetail,
        });
        return;
    }
  }

  /** The run's closing events: lifecycle end (and usage) or error, then chat final, aborted or error. */
  closing(result: RunResult, model: { providerId: string; modelId: string }): void {
    const { startedAt, endedAt } = result;
    if (result.status === 'error') {
      this.agent('lifecycle', { phase: 'error', startedAt, endedAt, error: result.failure?.message ?? 'failed' });
      const failure = result.failure;
      this.chat('error', {
        text: result.text,
        errorMessage: failure?.message ?? 'failed',
        errorKind: failure?.kind === 'auth' || !failure ? 'unknown' : failure.kind,
        errorDetail: {
          provider: model.providerId,
          model: model.modelId,
          ...(failure?.statusCode !== undefined ? { httpStatus: failure.statusCode } : {}),
        },
      });
    } else {
      this.agent('lifecycle', { phase: 'end', startedAt, endedAt, aborted: result.status === 'timeout', stopReason: result.stopReason });
      if (result.usage) this.agent('usage', { ...result.usage });
      if (result.status === 'timeout') this.chat('aborted', { text: result.text, stopReason: result.stopReason });
      else this.chat('final', { text: result.text, stopReason: result.stopReason, ...(result.usage ? { usage: result.usage } : {}) });
    }
  }

  /** After the run: where its reply was delivered, or why not (`deliver: true`). */
  delivery(data: Extract<AgentEvent, { stream: 'delivery' }>['data']): void {
    this.agent('delivery', data);
  }
}
