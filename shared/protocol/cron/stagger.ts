/**
 * Top-of-hour stagger (research note §1, OpenClaw's src/cron/stagger.ts): jobs written as "on the
 * hour" ("0 * * * *", or every two hours) would all hit the model provider in the same second, so each
 * runs at a fixed offset within the first five minutes unless the job says `staggerMs: 0`. Shared by
 * the gateway's scheduler and the companion's preview of the next runs, so both agree.
 */
export const DEFAULT_TOP_OF_HOUR_STAGGER_MS = 5 * 60_000;

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
