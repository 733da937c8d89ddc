import type { CronJob } from './cron-job.js';

/** `cron.failureAlert` (config.md §6.1). */
export interface FailureAlertConfig {
  readonly enabled?: boolean;
  readonly after?: number;
  readonly cooldownMs?: number;
  readonly includeSkipped?: boolean;
  readonly mode?: 'announce' | 'webhook';
  readonly channel?: string;
  readonly to?: string;
  readonly accountId?: string;
}

/** config.md §6.1 defaults: alert on the second failure in a row, then at most once an hour. */
export const DEFAULT_ALERT_AFTER = 2;
export const DEFAULT_ALERT_COOLDOWN_MS = 3_600_000;

export interface ResolvedFailureAlert {
  readonly after: number;
  readonly cooldownMs: number;
  readonly mode: 'announce' | 'webhook';
  readonly channel?: string;
  readonly to?: string;
  readonly accountId?: string;
  /** Skipped runs in a row alert as failures in a row do (off by default, as in OpenClaw). */
  readonly includeSkipped: boolean;
}

/** What the streak an alert is about is made of. */
export type AlertStreak = 'failed' | 'skipped';

/**
 * Whether and how a job's failures are alerted (OpenClaw's rules): the job's `false` turns them
 * off; the job's object turns them on even when `cron.failureAlert` does not and overrides it key
 * by key; the target falls back to the job's own delivery target. A best-effort delivery job
 * expects to fail now and then, so it never alerts.
 */
export function resolveFailureAlert(job: CronJob, config: FailureAlertConfig | undefined): ResolvedFailureAlert | undefined {
  if (job.failureAlert === false || job.delivery?.bestEffort === true) return undefined;
  if (job.failureAlert === undefined && config?.enabled !== true) return undefined;
  const own = job.failureAlert ?? {};
  const channel = own.channel ?? config?.channel ?? job.delivery?.channel;
  const to = own.to ?? config?.to ?? job.delivery?.to;
  const accountId = own.accountId ?? config?.accountId ?? job.delivery?.accountId;
  return {
    after: own.after ?? config?.after ?? DEFAULT_ALERT_AFTER,
    cooldownMs: own.cooldownMs ?? config?.cooldownMs ?? DEFAULT_ALERT_COOLDOWN_MS,
    mode: own.mode ?? config?.mode ?? 'announce',
    includeSkipped: own.includeSkipped ?? config?.includeSkipped ?? false,
    ...(channel !== undefined ? { channel } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
  };
}

function streakLength(job: CronJob, streak: AlertStreak): number {
  return (streak === 'failed' ? job.state.consecutiveErrors : job.state.consecutiveSkipped) ?? 0;
}

/**
 * Due once the failures (or, with `includeSkipped`, the skipped runs) in a row reach `after`, and
 * not again until `cooldownMs` after the last alert. A skip is never a failure: without
 * `includeSkipped` skipped runs alert nothing.
 */
export function failureAlertDue(job: CronJob, alert: ResolvedFailureAlert, now: number, streak: AlertStreak = 'failed'): boolean {
  if (streak === 'skipped' && !alert.includeSkipped) return false;
  if (streakLength(job, streak) < alert.after) return false;
  const last = job.state.lastFailureAlertAtMs;
  return last === undefined || now - last >= alert.cooldownMs;
}

/** What the alert says (OpenClaw's wording, with the last error or skip reason). */
export function failureAlertText(job: CronJob, streak: AlertStreak = 'failed'): string {
  const error = job.state.lastError;
  const disabled = job.state.autoDisabled ? ` It is now disabled (${job.state.autoDisabled.reason}).` : '';
  const what = streak === 'failed' ? 'failed' : 'was skipped';
  return `Cron job "${job.name}" ${what} ${streakLength(job, streak)} times${error ? `: ${error}` : ''}.${disabled}`;
}
