/** What the Scheduled window sees of cron jobs, their runs and the heartbeat (part of the IPC contract, contract.ts). Types only. */
import type { CronJobView, CronRunLogEntry } from '../protocol/cron/results.js';
import type { HeartbeatEvent } from '../protocol/heartbeat/results.js';

// Derived from the protocol's own result types (shared/protocol/cron/results.ts), so a change of
// the wire shape shows up here as a compile error, not as a silently wrong window.

type CronSchedule = CronJobView['schedule'];

/** A job's schedule as the window shows it (the protocol's, minus bookkeeping such as the anchor). */
export type ScheduleView =
  | Pick<Extract<CronSchedule, { kind: 'cron' }>, 'kind' | 'expr' | 'staggerMs'>
  | Pick<Extract<CronSchedule, { kind: 'every' }>, 'kind' | 'everyMs'>
  | Pick<Extract<CronSchedule, { kind: 'at' }>, 'kind' | 'atMs'>;

/** `ok | error | skipped | missed` (a slot that fell while the gateway was down). */
export type ScheduledRunStatus = NonNullable<CronRunLogEntry['status']>;

export interface ScheduledJobView extends Pick<CronJobView, 'id' | 'name' | 'enabled' | 'sessionTarget' | 'description'> {
  schedule: ScheduleView;
  /**
   * The IANA zone every time of this job is shown in: the job's own for cron schedules (the
   * gateway stores the host's zone when none is given), the companion's for `at`/`every`, which
   * name an instant or an interval and have no zone of their own.
   */
  timeZone: string;
  zoneSource: 'job' | 'local';
  /** What it does: the system event's text or the agent turn's message. */
  payload: { kind: CronJobView['payload']['kind']; text: string };
  nextRunAtMs?: number;
  runningAtMs?: number;
  lastRunAtMs?: number;
  lastStatus?: ScheduledRunStatus;
  lastError?: string;
  consecutiveErrors?: number;
  /** Set when the gateway turned the job off after repeated failures. */
  autoDisabled?: { reason: string; atMs: number };
}

export interface ScheduledJobsView {
  /** `offline`: no operator connection; `unsupported`: the gateway does not serve cron.list. */
  state: 'ready' | 'offline' | 'unsupported';
  jobs: ScheduledJobView[];
  /** The companion's own zone (the default of the form's zone picker). */
  timeZone: string;
}

export interface ScheduledRunView extends Pick<CronRunLogEntry, 'ts' | 'runAtMs' | 'durationMs' | 'error' | 'summary'> {
  id: string;
  status: ScheduledRunStatus | 'unknown';
}

/** What the Add/Edit form sends; main turns it into `cron.add` / `cron.update` params. */
export interface ScheduledJobInput {
  name: string;
  schedule: { kind: 'cron'; expr: string; tz: string } | { kind: 'every'; everyMs: number } | { kind: 'at'; atMs: number };
  payload: { kind: 'systemEvent' | 'agentTurn'; text: string };
}

/** The panel's line on scheduled work. A part is absent when the gateway does not serve its method. */
export interface ScheduleSummaryView {
  cron?: { enabled: boolean; jobs: number; nextWakeAtMs: number | null };
  /** null: the gateway serves last-heartbeat, but no heartbeat has run yet. */
  heartbeat?: Pick<HeartbeatEvent, 'ts' | 'status' | 'preview' | 'reason'> | null;
  timeZone: string;
}
