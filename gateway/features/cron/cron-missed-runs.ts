import type { CronRunLogEntry } from '../../../shared/protocol/cron/results.js';
import type { CronJob } from './cron-job.js';
import { nextRunAfter, slotsBetween } from './cron-schedule.js';

/** At most this many recurring jobs run to catch up after downtime (OpenClaw v4 does the same). */
export const MAX_CATCH_UP_JOBS = 5;
/** Catch-up runs are spaced out so a gateway waking from a long sleep does not fire them all at once. */
export const CATCH_UP_SPACING_MS = 5_000;
/** Missed slots recorded per job; a job every second down for a day would otherwise write 86,400 rows. */
export const MAX_MISSED_RECORDS = 100;

export interface MissedRunPlan {
  /** One `missed` run record per slot that fell while the gateway was down. */
  readonly records: CronRunLogEntry[];
  /** The new next run of each job that missed slots. */
  readonly nextRunAtMs: Map<string, number | undefined>;
}

/**
 * What to do with recurring jobs whose next run fell while the gateway was down (OpenClaw v3
 * silently skipped them, its users' top cron complaint). Every missed slot is recorded; the first
 * few jobs run once to catch up, spaced out, unless `skipMissedJobs`; the others resume at their
 * next slot. One-shots are not planned here: a past one-shot is simply due, and runs.
 */
export function planMissedRuns(
  jobs: readonly CronJob[],
  now: number,
  options: { skipMissedJobs: boolean; spacingMs?: number },
): MissedRunPlan {
  const spacing = options.spacingMs ?? CATCH_UP_SPACING_MS;
  const missed = jobs
    .filter((job) => job.enabled && job.schedule.kind !== 'at' && job.state.nextRunAtMs !== undefined && job.state.nextRunAtMs < now)
    .map((job) => ({ job, ...slotsBetween(job.schedule, job.state.nextRunAtMs ?? now, now - 1, MAX_MISSED_RECORDS) }))
    .filter((entry) => entry.slots.length > 0)
    .sort((a, b) => (a.slots[0] ?? 0) - (b.slots[0] ?? 0));
  const records: CronRunLogEntry[] = [];
  const nextRunAtMs = new Map<string, number | undefined>();
  let caughtUp = 0;
  for (const { job, slots, more } of missed) {
    const catchUp = !options.skipMissedJobs && caughtUp < MAX_CATCH_UP_JOBS;
    const next = catchUp ? now + caughtUp++ * spacing : nextRunAfter(job.schedule, now);
    const why = catchUp
      ? 'missed while the gateway was down; ran once to catch up'
      : options.skipMissedJobs
        ? 'missed while the gateway was down; not caught up (cron.skipMissedJobs)'
        : `missed while the gateway was down; not caught up (at most ${MAX_CATCH_UP_JOBS} jobs catch up)`;
    slots.forEach((slot, index) => {
      const last = index === slots.length - 1;
      records.push({
        ts: now,
        jobId: job.id,
        action: 'finished',
        status: 'missed',
        runAtMs: slot,
        summary: last && more ? `${why} (slots after the first ${MAX_MISSED_RECORDS} not listed)` : why,
        ...(next !== undefined ? { nextRunAtMs: next } : {}),
      });
    });
    nextRunAtMs.set(job.id, next);
  }
  return { records, nextRunAtMs };
}
