const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/**
 * The one back-off of the channels: 1 s, 2 s, 4 s … capped at 60 s for the `attempt`-th failure in
 * a row (from 1), never shorter than what the service asked for (Telegram's `retry_after`).
 * The manager uses it between restarts of a failed account, a transport between retries of one
 * call it keeps going through (Telegram's getUpdates).
 */
export function retryDelayMs(attempt: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(BACKOFF_BASE_MS * 2 ** (Math.max(1, attempt) - 1), BACKOFF_MAX_MS));
}
