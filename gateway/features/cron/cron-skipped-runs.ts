import type { CronRunLogEntry } from '../../../shared/protocol/cron/results.js';
import type { CronJob } from './cron-job.js';
import { slotsBetween } from './cron-schedule.js';

// Runs the scheduler decided not to start, recorded as `skipped` with the reason in `error`
// (OpenClaw's run-log shape). `cron.runs` hides them unless asked (includeSkipped), and a skip is
// never a failure: it does not add to consecutiveErrors, back off or disable the job.
//
// Slots that fell while the gateway was down are not here: those are `missed` (cron-missed-runs.ts).

/** Skipped slots recorded per run; a job every second whose run took a day would otherwise write 86,400 rows. */
export const MAX_SKIPPED_RECORDS_PER_RUN = 100;

export const SKIP_REASONS = {
  overlap: 'the previous run of this job was still going',
  collapsed: 'the scheduler was not running when it fell due (cron turned off, or the system asleep); one run covered the slots it missed',
} as const;

function skippedEntry(job: CronJob, slot: number, now: number, error: string): CronRunLogEntry {
  return { ts: now, jobId: job.id, action: 'finished', status: 'skipped', runAtMs: slot, error };
}

function slotEntries(job: CronJob, fromMs: number, toMs: number, now: number, reason: string): CronRunLogEntry[] {
  if (!job.enabled || job.schedule.kind === 'at' || toMs < fromMs) return [];
  const { slots, more } = slotsBetween(job.schedule, fromMs, toMs, MAX_SKIPPED_RECORDS_PER_RUN);
  return slots.map((slot, index) => {
    const last = index === slots.length - 1;
    return skippedEntry(job, slot, now, last && more ? `${reason} (slots after the first ${MAX_SKIPPED_RECORDS_PER_RUN} not listed)` : reason);
  });
}

/**
 * The job's slots that came due while its run [startedAt, endedAt] was going: the scheduler never
 * runs a job twice at once, and the next run is the first slot after the end.
 */
export function overlappedSlots(job: CronJob, startedAt: number, endedAt: number): CronRunLogEntry[] {
  return slotEntries(job, startedAt + 1, endedAt, endedAt, SKIP_REASONS.overlap);
}

/**
 * A recurring job that starts later than its due time (its timer could not fire: cron was turned
 * off, the machine slept) runs once for every slot since; the later slots are skipped.
 */
export function collapsedSlots(job: CronJob, now: number): CronRunLogEntry[] {
  const due = job.state.nextRunAtMs;
  return due === undefined ? [] : slotEntries(job, due + 1, now, now, SKIP_REASONS.collapsed);
}

/** The record of a run not started at all (`now`), e.g. because the job's agent is gone. */
export function skippedRun(job: CronJob, now: number, reason: string): CronRunLogEntry {
  return skippedEntry(job, now, now, reason);
}
