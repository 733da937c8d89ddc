/**
 * The approval prompt's expiry countdown: a clock for the eye (updated every second) and a
 * coarser announcement for screen readers (only when a milestone is crossed, so a polite live
 * region does not talk every second).
 */

export function remainingMs(expiresAtMs: number, nowMs: number): number {
  return Math.max(0, expiresAtMs - nowMs);
}

export function isExpired(expiresAtMs: number, nowMs: number): boolean {
  return nowMs >= expiresAtMs;
}

/** `m:ss`, or `h:mm:ss` from an hour up; whole seconds rounded up so 0:00 means expired. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

/**
 * What to announce: whole minutes while more than a minute is left, then 60, 30 and 10 seconds,
 * then 0 (expired). The value only changes at those milestones.
 */
export function announcedSeconds(ms: number): number {
  const seconds = Math.ceil(ms / 1000);
  if (seconds <= 0) return 0;
  if (seconds <= 10) return 10;
  if (seconds <= 30) return 30;
  if (seconds <= 60) return 60;
  return Math.ceil(seconds / 60) * 60;
}
