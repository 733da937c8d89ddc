import { afterEach, describe, expect, it } from 'vitest';
import { AuthFailureLimiter } from '../../../gateway/core/server/auth-limiter.js';
import { IdempotencyCache } from '../../../gateway/core/router/idempotency-cache.js';
import { WriteRateLimiter } from '../../../gateway/core/router/write-rate-limiter.js';

describe('auth failure limiter (spec §8.3)', () => {
  const options = { maxAttempts: 10, windowMs: 60_000, lockoutMs: 300_000, exemptLoopback: true };

  it('locks an address out for 5 minutes after 10 wrong credentials within a minute', () => {
    const limiter = new AuthFailureLimiter(options);
    for (let i = 0; i < 9; i++) limiter.recordFailure('10.0.0.5', 'shared-secret', false, 1_000 + i);
    expect(limiter.lockedFor('10.0.0.5', 'shared-secret', false, 2_000)).toBe(0);
    limiter.recordFailure('10.0.0.5', 'shared-secret', false, 2_000);
    expect(limiter.lockedFor('10.0.0.5', 'shared-secret', false, 2_000)).toBe(300_000);
    expect(limiter.lockedFor('10.0.0.5', 'device-token', false, 2_000)).toBe(0);
    expect(limiter.lockedFor('10.0.0.5', 'shared-secret', false, 302_001)).toBe(0);
  });

  it('forgets failures outside the window and exempts loopback', () => {
    const limiter = new AuthFailureLimiter(options);
    for (let i = 0; i < 9; i++) limiter.recordFailure('10.0.0.6', 'shared-secret', false, i);
    limiter.recordFailure('10.0.0.6', 'shared-secret', false, 70_000);
    expect(limiter.lockedFor('10.0.0.6', 'shared-secret', false, 70_000)).toBe(0);
    for (let i = 0; i < 20; i++) limiter.recordFailure('127.0.0.1', 'shared-secret', true, i);
    expect(limiter.lockedFor('127.0.0.1', 'shared-secret', true, 20)).toBe(0);
  });
});

describe('idempotency cache (spec §12)', () => {
  let cache: IdempotencyCache | undefined;
  afterEach(() => cache?.close());

  it('reports running duplicates, replays completed ones and expires them after 5 minutes', async () => {
    let now = 0;
    cache = new IdempotencyCache(() => now);
    expect(cache.claim('agent:k').kind).toBe('new');
    const running = cache.claim('agent:k');
    expect(running.kind).toBe('running');
    cache.complete('agent:k', { ok: true, payload: { runId: 'k' } });
    if (running.kind === 'running') expect(await running.wait).toEqual({ ok: true, payload: { runId: 'k' } });
    expect(cache.claim('agent:k')).toEqual({ kind: 'done', outcome: { ok: true, payload: { runId: 'k' } } });
    now = 300_001;
    expect(cache.claim('agent:k').kind).toBe('new');
  });

  it('holds at most 1,000 entries but never evicts a running call', () => {
    cache = new IdempotencyCache(() => 0);
    cache.claim('running');
    for (let i = 0; i < 1_200; i++) {
      cache.claim(`k${i}`);
      cache.complete(`k${i}`, { ok: true });
    }
    expect(cache.size).toBeLessThanOrEqual(1_000);
    expect(cache.claim('running').kind).toBe('running');
  });
});

describe('control-plane write limiter', () => {
  it('admits 30 calls a minute per method and caller', () => {
    let now = 0;
    const limiter = new WriteRateLimiter(() => now);
    for (let i = 0; i < 30; i++) expect(limiter.admit('config.set', 'dev')).toBe(0);
    expect(limiter.admit('config.set', 'dev')).toBeGreaterThan(0);
    expect(limiter.admit('config.patch', 'dev')).toBe(0);
    now = 60_001;
    expect(limiter.admit('config.set', 'dev')).toBe(0);
  });
});
