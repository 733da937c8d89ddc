import { CONTROL_PLANE_WRITE_LIMIT } from '../../../shared/protocol/limits.js';

/** Spec §0: control-plane writes are limited to 30 calls per 60 s per method and caller. */
export class WriteRateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records the call and returns 0, or how long to wait when over the limit. */
  admit(method: string, caller: string): number {
    const key = `${method}|${caller}`;
    const now = this.now();
    const recent = (this.calls.get(key) ?? []).filter((at) => now - at < CONTROL_PLANE_WRITE_LIMIT.windowMs);
    if (recent.length >= CONTROL_PLANE_WRITE_LIMIT.calls) {
      this.calls.set(key, recent);
      return CONTROL_PLANE_WRITE_LIMIT.windowMs - (now - (recent[0] ?? now));
    }
    recent.push(now);
    this.calls.set(key, recent);
    return 0;
  }
}
