/** A job as the scheduler keeps it: one canonical shape, whatever protocol wrote it. */

export type CronSchedule =
  | { readonly kind: 'at'; readonly atMs: number }
  /** `anchorMs` is always set (creation time unless given) so restarts never drift. */
  | { readonly kind: 'every'; readonly everyMs: number; readonly anchorMs: number }
  /**
   * `tz` is always set: the host zone at add time unless given. `staggerMs` spreads jobs that
   * would all fire on the hour (cron-stagger.ts); `offsetMs` is this job's fixed place in that
   * window, kept so every computation agrees (internal, not shown to clients).
   */
  | { readonly kind: 'cron'; readonly expr: string; readonly tz: string; readonly staggerMs?: number; readonly offsetMs?: number };

export type CronPayload =
  | { readonly kind: 'systemEvent'; readonly text: string }
  | {
      readonly kind: 'agentTurn';
      readonly message: string;
      readonly model?: string;
      readonly thinking?: string;
      readonly timeoutSeconds?: number;
    };

/** Protocol-4 delivery; protocol-3 payload fields are mapped into it (cron-job-view.ts maps back). */
export interface CronDelivery {
  readonly mode: 'none' | 'announce' | 'webhook';
  readonly channel?: string;
  readonly to?: string;
  readonly accountId?: string;
  readonly threadId?: string | number;
  readonly bestEffort?: boolean;
}

export interface CronIsolation {
  readonly postToMainPrefix?: string;
  readonly postToMainMode?: 'summary' | 'full';
  readonly postToMainMaxChars?: number;
}

/** Per-job override of `cron.failureAlert` (config.md §6.1); `false` turns alerts off for the job. */
export interface CronFailureAlert {
  readonly after?: number;
  readonly cooldownMs?: number;
  readonly mode?: 'announce' | 'webhook';
  readonly channel?: string;
  readonly to?: string;
  readonly accountId?: string;
  /** Skipped runs in a row alert too (OpenClaw's `includeSkipped`). */
  readonly includeSkipped?: boolean;
}

export type CronRunStatus = 'ok' | 'error' | 'skipped' | 'missed';

export interface CronJobState {
  nextRunAtMs?: number;
  runningAtMs?: number;
  lastRunAtMs?: number;
  lastStatus?: CronRunStatus;
  lastError?: string;
  lastDurationMs?: number;
  consecutiveErrors?: number;
  /** Runs skipped in a row (reset by any run that starts); kept apart from consecutiveErrors. */
  consecutiveSkipped?: number;
  autoDisabled?: { reason: string; atMs: number; consecutiveErrors: number };
  /** When the last failure alert went out (its cooldown runs from here). */
  lastFailureAlertAtMs?: number;
}

export interface CronJob {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  agentId?: string;
  deleteAfterRun?: boolean;
  createdAtMs: number;
  updatedAtMs: number;
  schedule: CronSchedule;
  sessionTarget: 'main' | 'isolated';
  wakeMode: 'now' | 'next-heartbeat';
  payload: CronPayload;
  delivery?: CronDelivery;
  isolation?: CronIsolation;
  failureAlert?: false | CronFailureAlert;
  state: CronJobState;
}

/** What a job asks of the channels, which do not exist yet (recorded in each run). */
export function wantsChannelDelivery(job: CronJob): boolean {
  return job.delivery !== undefined && job.delivery.mode !== 'none';
}
