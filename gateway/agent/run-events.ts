import type { EventBus } from '../core/events/event-bus.js';
import type { RunStreamEvent } from './active-run.js';

export type AgentStream = 'lifecycle' | 'assistant' | 'thinking' | 'tool' | 'usage';

export interface AssistantMessageView {
  role: 'assistant';
  content: { type: 'text'; text: string }[];
  timestamp: number;
}

export type ChatState = 'delta' | 'final' | 'aborted' | 'error';

/**
 * Emits one run's `agent` and `chat` events (spec §15.2, §15.4) with the run's own sequence:
 * it starts at 1 and grows by one per agent event; chat events carry the current value.
 */
export class RunEvents {
  private seq = 0;
  /** The fixed start of this run's token payloads, up to the seq (see assistantDelta). */
  private readonly agentJsonStart: string;
  private readonly chatJsonStart: string;

  constructor(
    private readonly bus: EventBus,
    private readonly run: { runId: string; sessionKey: string; agentId: string },
    /** The run's own followers (a cron job, a channel reply), told after the broadcast. */
    private readonly follow?: { readonly observed: boolean; emit(event: RunStreamEvent): void },
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
    this.seq += 1;
    const seq = this.seq;
    const ts = Date.now();
    let textJson: string | undefined;
    let deltaJson: string | undefined;
    const serialiseTexts = (): void => {
      textJson ??= JSON.stringify(text);
      deltaJson ??= JSON.stringify(delta);
    };
    const bus = this.bus;
    bus.broadcastSerialised('agent', () => {
      serialiseTexts();
      return `${this.agentJsonStart}${seq},"stream":"assistant","ts":${ts},"data":{"text":${textJson},"delta":${deltaJson}}}`;
    });
    bus.broadcastSerialised('chat', () => {
      serialiseTexts();
      return (
        `${this.chatJsonStart}${seq},"state":"delta",` +
        `"message":{"role":"assistant","content":[{"type":"text","text":${textJson}}],"timestamp":${ts}},"deltaText":${deltaJson}}`
      );
    });
    if (this.follow?.observed) this.follow.emit({ kind: 'text', text, delta });
  }

  agent(stream: AgentStream, data: Record<string, unknown>): void {
    this.seq += 1;
    if (this.follow?.observed) {
      if (stream === 'lifecycle' && data.phase === 'start') this.follow.emit({ kind: 'started', startedAt: Number(data.startedAt) });
      else if (stream === 'tool') this.follow.emit({ kind: 'tool', data });
    }
    this.bus.broadcast('agent', {
      runId: this.run.runId,
      seq: this.seq,
      stream,
      ts: Date.now(),
      // The reference AgentEvent is closed: the session travels in data (lifecycle) and in chat events.
      data: stream === 'lifecycle' ? { ...data, sessionKey: this.run.sessionKey, agentId: this.run.agentId } : data,
    });
  }

  chat(
    state: ChatState,
    fields: {
      text?: string;
      deltaText?: string;
      usage?: unknown;
      stopReason?: string;
      errorMessage?: string;
      errorKind?: string;
      errorDetail?: Record<string, unknown>;
    },
  ): void {
    const payload: Record<string, unknown> = {
      runId: this.run.runId,
      sessionKey: this.run.sessionKey,
      agentId: this.run.agentId,
      seq: this.seq,
      state,
    };
    if (fields.text !== undefined && (state !== 'error' || fields.text !== '')) {
      const message: AssistantMessageView = { role: 'assistant', content: [{ type: 'text', text: fields.text }], timestamp: Date.now() };
      payload.message = message;
    }
    if (state === 'delta') payload.deltaText = fields.deltaText ?? '';
    if (fields.usage !== undefined) payload.usage = fields.usage;
    if (fields.stopReason !== undefined) payload.stopReason = fields.stopReason;
    if (fields.errorMessage !== undefined) payload.errorMessage = fields.errorMessage;
    if (fields.errorKind !== undefined) payload.errorKind = fields.errorKind;
    if (fields.errorDetail !== undefined) payload.errorDetail = fields.errorDetail;
    this.bus.broadcast('chat', payload);
  }
}
