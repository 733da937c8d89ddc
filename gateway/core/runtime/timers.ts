/**
 * `setTimeout` behind an interface: schedulers (cron, heartbeat) take it from outside so unit tests
 * drive time with an injected clock instead of sleeping.
 */
export interface Timers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

/** Real timers, unref'd: a pending schedule never keeps the process alive on its own. */
export const realTimers: Timers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The longest a scheduler waits before looking at the clock again: a laptop that slept through a
 * slot catches up within this much of waking, whatever the timer thought.
 */
export const MAX_TIMER_ARM_MS = 60_000;
