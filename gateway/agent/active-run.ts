import type { RunKind } from './store/runs-repository.js';
import type { AbortKind, TurnOutcome } from './agent-turn.js';
import type { AgentDeliveryData } from '../../shared/protocol/agent/events.js';
import type { RunEvents } from './run-events.js';

/**
 * What a submitter of a turn can follow while it runs (agent-turns.ts): each text chunk, and `reply-end` once the
 * model's last step has finished with no tool call — its text is the whole reply, before the run's
 * end is written (a channel can send it while the run's bookkeeping is still to come).
 */
export type RunStreamEvent = { readonly kind: 'text'; readonly text: string; readonly delta: string } | { readonly kind: 'reply-end' };

export interface RunResult extends TurnOutcome {
  runId: string;
  kind: RunKind;
  sessionKey: string;
  agentId: string;
  model: string;
  startedAt: number;
  endedAt: number;
}

/** A run the runtime holds: queued or streaming, abortable, awaitable. */
export class ActiveRun {
  startedAt: number | undefined;
  abortKind: AbortKind | undefined;
  result: RunResult | undefined;
  /** What the model has said so far (chat.history reports runs in flight). */
  readonly progress = { text: '' };
  /** This run's event stream, once it has started (the runtime sets it). */
  events: RunEvents | undefined;
  readonly done: Promise<RunResult>;
  private readonly controller = new AbortController();
  private resolveDone!: (result: RunResult) => void;
  private readonly observers = new Set<(event: RunStreamEvent) => void>();

  constructor(
    readonly kind: RunKind,
    readonly runId: string,
    readonly sessionKey: string,
    readonly agentId: string,
    readonly modelRef: string,
    readonly acceptedAt: number = Date.now(),
  ) {
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
  }

  get state(): 'queued' | 'running' | 'done' {
    if (this.result) return 'done';
    return this.startedAt === undefined ? 'queued' : 'running';
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): number {
    this.startedAt = Date.now();
    return this.startedAt;
  }

  abort(kind: AbortKind): void {
    if (this.controller.signal.aborted || this.result) return;
    this.abortKind = kind;
    this.controller.abort(kind);
  }

  /** Follows this run's stream; the result itself arrives through `done`. */
  observe(observer: (event: RunStreamEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** A throwing observer must not break the run or the other observers. */
  emit(event: RunStreamEvent): void {
    for (const observer of this.observers) {
      try {
        observer(event);
      } catch {
        this.observers.delete(observer);
      }
    }
  }

  /** After the run: publishes where its reply was delivered (an `agent` event, stream `delivery`). */
  reportDelivery(data: AgentDeliveryData): void {
    this.events?.delivery(data);
  }

  get observed(): boolean {
    return this.observers.size > 0;
  }

  finish(result: RunResult): void {
    if (this.result) return;
    this.result = result;
    this.observers.clear();
    this.resolveDone(result);
  }
}

/** The result of a run that failed outside its turn (a crash of the runtime, a stop). */
export function failedRunResult(run: ActiveRun, message: string): RunResult {
  const now = Date.now();
  return {
    runId: run.runId,
    kind: run.kind,
    sessionKey: run.sessionKey,
    agentId: run.agentId,
    model: run.modelRef,
    status: 'error',
    text: '',
    stopReason: 'error',
    aborted: false,
    timedOut: false,
    failure: { message, kind: 'unknown', retryable: true },
    startedAt: run.startedAt ?? now,
    endedAt: now,
  };
}
