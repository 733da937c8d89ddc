import type { AgentTurns } from '../../agent/agent-turns.js';
import { clip } from '../../agent/session-rows.js';
import type { ChannelDelivery } from '../../composition/feature-context.js';
import type { WakeRequests } from '../../agent/wake-requests.js';
import type { SystemEventRecord } from '../../agent/store/system-events-repository.js';
import { wantsChannelDelivery, type CronJob } from './cron-job.js';
import { failureAlertText, type AlertStreak, type ResolvedFailureAlert } from './cron-failure-alert.js';

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
  /** Announces a run's result in a chat (the channels feature's delivery port). */
  readonly delivery?: Pick<ChannelDelivery, 'deliver'>;
  readonly logger?: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
  /** The agent a job without `agentId` belongs to. */
  defaultAgentId(): string;
  /** Whether the gateway runs this agent now (config `agents.list`); every agent exists when absent. */
  agentExists?(agentId: string): boolean;
  /**
   * Gives the session under `sessionKey` a new session id (OpenClaw: a fresh sessionId per
   * isolated run), so a run does not see the transcripts of the runs before it.
   */
  startFreshSession?(sessionKey: string): void;
  now(): number;
}

const SUMMARY_MAX_CHARS = 2_000;
const POST_TO_MAIN_MAX_CHARS = 8_000;
const NO_DELIVERY = 'delivery to chat channels is not available on this gateway; the result was posted to the main session only';

/** Carries out a job's payload: a system event for the main session, or an isolated agent turn. */
export class CronJobRunner {
  constructor(private readonly deps: CronJobRunnerDeps) {}

  agentOf(job: CronJob): string {
    return job.agentId ?? this.deps.defaultAgentId();
  }

  /**
   * Why the job cannot run now, if its agent is gone from the config: its reminder would land in
   * a session nobody reads and its turn would fail, so the scheduler skips it and says why.
   */
  missingAgent(job: CronJob): string | undefined {
    if (job.agentId === undefined || this.deps.agentExists?.(job.agentId) !== false) return undefined;
    return `agent "${job.agentId}" is not configured (agents.list); the job runs again once it is`;
  }

  async run(job: CronJob, runId: string): Promise<CronRunOutcome> {
    return job.payload.kind === 'systemEvent' ? this.postSystemEvent(job, job.payload.text) : this.runAgentTurn(job, runId);
  }

  private postSystemEvent(job: CronJob, text: string): CronRunOutcome {
    const agentId = this.agentOf(job);
    this.deps.systemEvents.enqueue({ ts: this.deps.now(), text, sessionKey: `agent:${agentId}:main`, source: `cron:${job.id}` });
    this.deps.wakeRequests.request({ reason: `cron:${job.id}`, agentId, mode: job.wakeMode === 'now' ? 'now' : 'next-heartbeat' });
    return { status: 'ok', summary: clip(text.trim(), SUMMARY_MAX_CHARS) };
  }

  private async runAgentTurn(job: CronJob, runId: string): Promise<CronRunOutcome> {
    if (job.payload.kind !== 'agentTurn') throw new Error('not an agent turn');
    const agentId = this.agentOf(job);
    const sessionKey = `agent:${agentId}:cron:${job.id}`;
    let outcome: CronRunOutcome;
    let reply = '';
    try {
      this.deps.startFreshSession?.(sessionKey);
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
      if (result.status === 'ok') reply = result.text;
      outcome =
        result.status === 'ok'
          ? { status: 'ok', summary: clip(result.text.trim(), SUMMARY_MAX_CHARS), sessionKey: turn.sessionKey }
          : { status: 'error', error: result.failure?.message ?? (result.timedOut ? 'the agent turn timed out' : `the agent turn ended: ${result.stopReason}`), sessionKey: turn.sessionKey };
    } catch (error) {
      outcome = { status: 'error', error: (error as Error).message, sessionKey };
    }
    this.postResultToMain(job, agentId, outcome, reply);
    return { ...outcome, ...(await this.deliver(job, runId, sessionKey, outcome, reply)) };
  }

  /**
   * `delivery.mode: "announce"`: the run's reply to `delivery.channel`/`to` ("last" — the chat the
   * agent last heard from — by default). The outcome (and why not) goes into the run record; a
   * failed delivery does not fail the run, which is not repeated to deliver again.
   */
  private async deliver(job: CronJob, runId: string, sessionKey: string, outcome: CronRunOutcome, reply: string): Promise<Pick<CronRunOutcome, 'deliveryStatus' | 'deliveryError'>> {
    const delivery = job.delivery;
    if (!wantsChannelDelivery(job) || !delivery) return { deliveryStatus: 'not-requested' };
    const notDelivered = (deliveryError: string) => {
      this.deps.logger?.warn({ jobId: job.id, runId, reason: deliveryError }, 'cron run result not delivered');
      return { deliveryStatus: 'not-delivered', deliveryError } as const;
    };
    if (delivery.mode === 'webhook') return notDelivered('webhook delivery is not supported by this gateway; the result was posted to the main session only');
    if (outcome.status !== 'ok') return notDelivered('the run failed; nothing was delivered');
    if (!this.deps.delivery) return notDelivered(NO_DELIVERY);
    try {
      const receipt = await this.deps.delivery.deliver({
        sessionKey,
        text: reply,
        ...(delivery.channel !== undefined ? { channel: delivery.channel } : {}),
        ...(delivery.to !== undefined ? { to: delivery.to } : {}),
        ...(delivery.accountId !== undefined ? { accountId: delivery.accountId } : {}),
      });
      this.deps.logger?.info({ jobId: job.id, runId, channel: receipt.channel, to: receipt.to, messages: receipt.messageIds.length }, 'cron run result delivered');
      return { deliveryStatus: 'delivered' };
    } catch (error) {
      return notDelivered(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * OpenClaw posts "Cron: <summary>" (or "Cron (error): …") to the main session after each run;
   * `isolation.postToMainMode: "full"` posts the whole reply instead, up to `postToMainMaxChars`.
   */
  private postResultToMain(job: CronJob, agentId: string, outcome: CronRunOutcome, reply: string): void {
    const prefix = job.isolation?.postToMainPrefix?.trim() || 'Cron';
    const maxChars = job.isolation?.postToMainMaxChars ?? POST_TO_MAIN_MAX_CHARS;
    const output = job.isolation?.postToMainMode === 'full' ? reply : outcome.summary;
    const body = outcome.status === 'ok' ? (output?.trim() || '(no output)') : (outcome.error ?? 'failed');
    const text = `${prefix}${outcome.status === 'ok' ? '' : ' (error)'} "${job.name}": ${clip(body.trim(), maxChars)}`;
    this.deps.systemEvents.enqueue({ ts: this.deps.now(), text, sessionKey: `agent:${agentId}:main`, source: `cron:${job.id}` });
    this.deps.wakeRequests.request({ reason: `cron:${job.id}`, agentId, mode: job.wakeMode === 'now' ? 'now' : 'next-heartbeat' });
  }

  /**
   * A failure alert (cron-failure-alert.ts): `announce` goes to the alert's chat through the
   * channels; when no chat can take it (no channel, a webhook, a refused target) it is posted to
   * the agent's main session instead, so the failure still reaches the user.
   */
  async sendFailureAlert(job: CronJob, alert: ResolvedFailureAlert, streak: AlertStreak = 'failed'): Promise<'delivered' | 'main-session'> {
    // A job skipped because its agent is gone alerts through the default agent's main session.
    const agentId = this.missingAgent(job) === undefined ? this.agentOf(job) : this.deps.defaultAgentId();
    const text = failureAlertText(job, streak);
    const mainSession = `agent:${agentId}:main`;
    let reason: string;
    if (alert.mode === 'webhook') reason = 'webhook delivery is not supported by this gateway';
    else if (!this.deps.delivery) reason = 'no chat channel is configured';
    else {
      try {
        await this.deps.delivery.deliver({
          sessionKey: mainSession,
          text,
          ...(alert.channel !== undefined ? { channel: alert.channel } : {}),
          ...(alert.to !== undefined ? { to: alert.to } : {}),
          ...(alert.accountId !== undefined ? { accountId: alert.accountId } : {}),
        });
        this.deps.logger?.warn({ jobId: job.id, consecutiveErrors: job.state.consecutiveErrors }, 'cron failure alert delivered');
        return 'delivered';
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
    }
    this.deps.logger?.warn({ jobId: job.id, consecutiveErrors: job.state.consecutiveErrors, reason }, 'cron failure alert posted to the main session only');
    this.deps.systemEvents.enqueue({ ts: this.deps.now(), text, sessionKey: mainSession, source: `cron:${job.id}` });
    this.deps.wakeRequests.request({ reason: `cron:${job.id}`, agentId, mode: 'next-heartbeat' });
    return 'main-session';
  }
}
