import { randomUUID } from 'node:crypto';
import type { RunResult, RunStreamEvent } from './active-run.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { ImageAttachment } from './attachments.js';
import type { OutboundTextFilter } from './run-events.js';

export type { OutboundTextFilter } from './run-events.js';

/** Who started a turn that no client asked for; recorded with the run and shown in logs. */
export interface TurnOrigin {
  readonly kind: 'cron' | 'heartbeat' | 'channel' | 'wake';
  /** The job id, channel account, ... */
  readonly id?: string;
}

export interface TurnRequest {
  readonly origin: TurnOrigin;
  readonly message: string;
  readonly agentId?: string;
  /** Defaults to the agent's main session. */
  readonly sessionKey?: string;
  readonly attachments?: readonly ImageAttachment[];
  readonly thinking?: string;
  readonly extraSystemPrompt?: string;
  /** Whole-run budget; 0 = none; absent = the agent default. */
  readonly timeoutMs?: number;
  /** `provider/model` for this turn only (a cron job's `model`). */
  readonly model?: string;
  /** Given by the caller when the turn must be idempotent across restarts (a cron run id). */
  readonly runId?: string;
  /**
   * What clients may see of the reply so far (a heartbeat hides its HEARTBEAT_OK): applied to the
   * streamed `agent`/`chat` text and the closing chat event; `done` is true for the whole reply.
   * The transcript and the run's result keep the model's own text.
   */
  readonly visibleText?: OutboundTextFilter;
}


export interface SubmittedTurn {
  readonly runId: string;
  readonly sessionKey: string;
  readonly agentId: string;
  /** Settles once, with the run's final state (never rejects). */
  readonly done: Promise<RunResult>;
  /** Follows the streamed text and tool calls; returns the unsubscribe. */
  follow(observer: (event: RunStreamEvent) => void): () => void;
  abort(): void;
}

/**
 * The one way cron, heartbeat, wake and channels start agent turns: the same preparation,
 * durable queue, session lane and events as `agent`/`chat.send`, with the origin recorded.
 * Throws the protocol error of a request that cannot run (unknown agent, no model configured).
 */
export interface AgentTurns {
  submit(request: TurnRequest): SubmittedTurn;
}

type TurnLogger = Record<'info' | 'debug', (fields: object, message: string) => void>;

/**
 * A turn from a channel message is logged at debug: one per inbound message, and each info line
 * is parsed and masked for secrets before it is written (≈ 0.8 ms), in the path to the reply.
 * The run itself, with its session and request, is in the store either way. Cron, heartbeat and
 * wake turns are few and stay at info, where an operator looks for what the gateway did alone.
 */
function turnLogLevel(origin: TurnOrigin): keyof TurnLogger {
  return origin.kind === 'channel' ? 'debug' : 'info';
}

export function agentTurnsOf(runtime: AgentRuntime, logger: TurnLogger): AgentTurns {
  return {
    submit(request) {
      const prepared = runtime.prepare({
        kind: 'agent',
        runId: request.runId ?? randomUUID(),
        ...(request.sessionKey !== undefined ? { sessionKey: request.sessionKey } : {}),
        ...(request.agentId !== undefined ? { agentId: request.agentId } : {}),
        message: request.message,
        attachments: [...(request.attachments ?? [])],
        ...(request.thinking !== undefined ? { thinking: request.thinking } : {}),
        ...(request.extraSystemPrompt !== undefined ? { extraSystemPrompt: request.extraSystemPrompt } : {}),
        ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        ...(request.model !== undefined ? { modelRef: request.model } : {}),
        ...(request.visibleText !== undefined ? { visibleText: request.visibleText } : {}),
      });
      const run = runtime.submit(prepared);
      logger[turnLogLevel(request.origin)]({ runId: run.runId, sessionKey: run.sessionKey, origin: request.origin }, 'agent turn started by the gateway');
      return {
        runId: run.runId,
        sessionKey: run.sessionKey,
        agentId: run.agentId,
        done: run.done,
        follow: (observer) => run.observe(observer),
        abort: () => run.abort('aborted'),
      };
    },
  };
}
