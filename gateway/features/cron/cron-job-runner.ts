import type { AgentTurns } from '../../agent/agent-turns.js';
import type { WakeRequests } from '../../agent/wake-requests.js';
import type { SystemEventRecord } from '../../agent/store/system-events-repository.js';
import { wantsChannelDelivery, type CronJob } from './cron-job.js';

/** What one run of a job came to; stored as its run record and sent in the `finished` event. */
export interface CronRunOutcome {
  status: 'ok' | 'error' | 'skipped';
  error?: string;
  summary?: string;
  sessionKey?: string;
  deliveryStatus?: 'delivered' | 'not-delivered' | 'not-requested';
  deliveryError?: string;
}

export interface CronJobRunnerDeps {
  readonly turns: AgentTurns;
  readonly wakeRequests: WakeRequests;
  readonly systemEvents: { enqueue(event: Omit<SystemEventRecord, 'id'>): number };
  /** The agent a job without `agentId` belongs to. */
  defaultAgentId(): string;
  now(): number;
}

const SUMMARY_MAX_CHARS = 2_000;
const POST_TO_MAIN_MAX_CHARS = 8_000;
// Channels arrive with their own issue; until then a job asking for delivery says so.
const NO_CHANNELS = 'delivery to chat channels is not available yet; the result was posted to the main session only';

function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** Carries out a job's payload: a system event for the main session, or an isolated agent turn. */
export class CronJobRunner {
  constructor(private readonly deps: CronJobRunnerDeps) {}

  agentOf(job: CronJob): string {
    return job.agentId ?? this.deps.defaultAgentId();
  }

  async run(job: CronJob, runId: string): Promise<CronRunOutcome> {
    return job.payload.kind === 'systemEvent' ? this.postSystemEvent(job, job.payload.text) : this.runAgentTurn(job, runId);
  }

  private postSystemEvent(job: CronJob, text: string): CronRunOutcome {
    const agentId = this.agentOf(job);
    this.deps.systemEvents.enqueue({ ts: this.deps.now(), text, sessionKey: `agent:${agentId}:main`, source: `cron:${job.id}` });
    this.deps.wakeRequests.request({ reason: `cron:${job.id}`, agentId, mode: job.wakeMode === 'now' ? 'now' : 'next-heartbeat' });
    return { status: 'ok', summary: clip(text, SUMMARY_MAX_CHARS) };
  }

  private async runAgentTurn(job: CronJob, runId: string): Promise<CronRunOutcome> {
    if (job.payload.kind !== 'agentTurn') throw new Error('not an agent turn');
    const agentId = this.agentOf(job);
    const sessionKey = `agent:${agentId}:cron:${job.id}`;
    const delivery = wantsChannelDelivery(job)
      ? ({ deliveryStatus: 'not-delivered', deliveryError: NO_CHANNELS } as const)
      : ({ deliveryStatus: 'not-requested' } as const);
    let outcome: CronRunOutcome;
    try {
      const turn = this.deps.turns.submit({
        origin: { kind: 'cron', id: job.id },
        agentId,
        sessionKey,
        message: job.payload.message,
        runId,
        ...(job.payload.thinking !== undefined ? { thinking: job.payload.thinking } : {}),
        ...(job.payload.timeoutSeconds !== undefined ? { timeoutMs: job.payload.timeoutSeconds * 1_000 } : {}),
        ...(job.payload.model !== undefined ? { model: job.payload.model } : {}),
      });
      const result = await turn.done;
      outcome =
        result.status === 'ok'
          ? { status: 'ok', summary: clip(result.text, SUMMARY_MAX_CHARS), sessionKey: turn.sessionKey }
          : { status: 'error', error: result.failure?.message ?? (result.timedOut ? 'the agent turn timed out' : `the agent turn ended: ${result.stopReason}`), sessionKey: turn.sessionKey };
    } catch (error) {
      outcome = { status: 'error', error: (error as Error).message, sessionKey };
    }
    this.postResultToMain(job, agentId, outcome);
    return { ...outcome, ...delivery };
  }

  /** OpenClaw posts "Cron: <summary>" (or "Cron (error): …") to the main session after each run. */
  private postResultToMain(job: CronJob, agentId: string, outcome: CronRunOutcome): void {
    const prefix = job.isolation?.postToMainPrefix?.trim() || 'Cron';
    const maxChars = job.isolation?.postToMainMaxChars ?? POST_TO_MAIN_MAX_CHARS;
    const body = outcome.status === 'ok' ? (outcome.summary || '(no output)') : (outcome.error ?? 'failed');
    const text = `${prefix}${outcome.status === 'ok' ? '' : ' (error)'} "${job.name}": ${clip(body, maxChars)}`;
    this.deps.systemEvents.enqueue({ ts: this.deps.now(), text, sessionKey: `agent:${agentId}:main`, source: `cron:${job.id}` });
    this.deps.wakeRequests.request({ reason: `cron:${job.id}`, agentId, mode: job.wakeMode === 'now' ? 'now' : 'next-heartbeat' });
  }
}
