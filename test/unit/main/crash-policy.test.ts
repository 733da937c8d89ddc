import { describe, expect, it } from 'vitest';
import { CrashPolicy } from '../../../main/supervisor/crash-policy.js';

describe('CrashPolicy', () => {
  it('backs off 1 s, doubling, and gives up at the 5th fast failure', () => {
    const policy = new CrashPolicy();
    const decisions = [0, 1, 2, 3, 4].map(() => policy.recordFailure(0, 500));
    expect(decisions).toEqual([
      { kind: 'restart', delayMs: 1_000, fastFailures: 1 },
      { kind: 'restart', delayMs: 2_000, fastFailures: 2 },
      { kind: 'restart', delayMs: 4_000, fastFailures: 3 },
      { kind: 'restart', delayMs: 8_000, fastFailures: 4 },
      { kind: 'give-up', fastFailures: 5 },
    ]);
  });

  it('caps the delay at 30 s', () => {
    const policy = new CrashPolicy({ maxFastFailures: 100 });
    const delays = Array.from({ length: 8 }, () => policy.recordFailure(0, 1));
    expect(delays.map((decision) => (decision.kind === 'restart' ? decision.delayMs : -1))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('a process that ran past the fast-failure window starts the count and the backoff afresh', () => {
    const policy = new CrashPolicy();
    policy.recordFailure(0, 100);
    policy.recordFailure(0, 100);
    expect(policy.recordFailure(0, 60_000)).toEqual({ kind: 'restart', delayMs: 1_000, fastFailures: 0 });
    expect(policy.recordFailure(0, 100)).toEqual({ kind: 'restart', delayMs: 2_000, fastFailures: 1 });
  });

  it('reset() forgets everything (Start, Restart, Retry)', () => {
    const policy = new CrashPolicy();
    for (let index = 0; index < 5; index++) policy.recordFailure(0, 1);
    policy.reset();
    expect(policy.recordFailure(0, 1)).toEqual({ kind: 'restart', delayMs: 1_000, fastFailures: 1 });
  });
});
