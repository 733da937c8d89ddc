import { createHash } from 'node:crypto';

export { DEFAULT_TOP_OF_HOUR_STAGGER_MS, defaultStaggerMs, isTopOfHourExpr } from '../../../shared/protocol/cron/stagger.js';

/** An explicit window longer than an hour would reorder an hourly job's own runs. */
export const MAX_STAGGER_MS = 3_600_000;

/** The job's place in the window: derived from its id, so it is the same after every restart. */
export function staggerOffsetMs(jobId: string, windowMs: number): number {
  if (windowMs <= 1) return 0;
  return createHash('sha256').update(jobId).digest().readUInt32BE(0) % windowMs;
}
