/**
 * Time as the supervisor sees it: the current time and one-shot timers for crash backoff and
 * the health watch. Tests hand in their own to run a 30 s backoff without waiting 30 s.
 * (Deadlines of single operations, such as a probe timeout, use real timers.)
 */
export interface ClockTimer {
  cancel(): void;
}

export interface SupervisorClock {
  now(): number;
  /** Calls `callback` once after `delayMs`, unless cancelled first. */
  schedule(delayMs: number, callback: () => void): ClockTimer;
}

export const systemClock: SupervisorClock = {
  now: () => Date.now(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    // A pending backoff must not keep a quitting app (or a test run) alive.
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
