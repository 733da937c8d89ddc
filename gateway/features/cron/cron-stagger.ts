import { createHash } from 'node:crypto';

/**
 * Top-of-hour stagger (research note §1, OpenClaw's src/cron/stagger.ts): jobs written as "on the
 * hour" ("0 * * * *", or every two hours) would all hit the model provider in the same second, so each
 * runs at a fixed offset within the first five minutes unless the job says `staggerMs: 0`.
 */
export const DEFAULT_TOP_OF_HOUR_STAGGER_MS = 5 * 60_000;
/** An explicit window longer than an hour would reorder an hourly job's own runs. */
export const MAX_STAGGER_MS = 3_600_000;

/** Minute 0 (and second 0) of every hour or every few hours: the hour field has a `*`. */
export function isTopOfHourExpr(expr: string): boolean {
  const fields = expr.trim().split(/\s+/);
  if (fields.length === 5) return fields[0] === '0' && (fields[1] ?? '').includes('*');
  if (fields.length === 6) return fields[0] === '0' && fields[1] === '0' && (fields[2] ?? '').includes('*');
  return false;
}

/** The window a cron job gets when it names none. */
export function defaultStaggerMs(expr: string): number {
  return isTopOfHourExpr(expr) ? DEFAULT_TOP_OF_HOUR_STAGGER_MS : 0;
}

/** The job's place in the window: derived from its id, so it is the same after every restart. */
export function staggerOffsetMs(jobId: string, windowMs: number): number {
  if (windowMs <= 1) return 0;
  return createHash('sha256').update(jobId).digest().readUInt32BE(0) % windowMs;
}
