import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../../shared/protocol/error-codes.js';
import { costRange, daysOf } from '../../../gateway/features/usage/cost-range.js';
import { costReport, priceOf } from '../../../gateway/features/usage/cost-report.js';
import type { UsageGroup } from '../../../gateway/agent/store/usage-repository.js';

const NOW = Date.parse('2026-03-15T18:30:00Z');

function rangeError(params: Parameters<typeof costRange>[0]): string {
  try {
    costRange(params, NOW);
  } catch (error) {
    expect((error as GatewayError).code).toBe('INVALID_REQUEST');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('usage.cost date range (UTC days)', () => {
  it('defaults to the last 30 days including today', () => {
    expect(costRange({}, NOW)).toEqual({ startDate: '2026-02-14', endDate: '2026-03-15' });
    expect(costRange({ days: 1 }, NOW)).toEqual({ startDate: '2026-03-15', endDate: '2026-03-15' });
  });

  it('combines one date with days, and takes both dates as given', () => {
    expect(costRange({ endDate: '2026-01-10', days: 10 }, NOW)).toEqual({ startDate: '2026-01-01', endDate: '2026-01-10' });
    expect(costRange({ startDate: '2026-02-27', days: 3 }, NOW)).toEqual({ startDate: '2026-02-27', endDate: '2026-03-01' });
    expect(costRange({ startDate: '2026-03-01' }, NOW)).toEqual({ startDate: '2026-03-01', endDate: '2026-03-15' });
    expect(costRange({ startDate: '2024-02-28', endDate: '2024-03-01', days: 300 }, NOW)).toEqual({ startDate: '2024-02-28', endDate: '2024-03-01' });
    expect(daysOf({ startDate: '2024-02-28', endDate: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('rejects reversed, impossible and oversized ranges', () => {
    expect(rangeError({ startDate: '2026-03-02', endDate: '2026-03-01' })).toBe('endDate 2026-03-01 is before startDate 2026-03-02');
    expect(rangeError({ startDate: '2026-02-29', endDate: '2026-03-01' })).toContain('startDate 2026-02-29 is not a calendar day');
    expect(rangeError({ endDate: '2026-13-01' })).toContain('endDate 2026-13-01 is not a calendar day');
    expect(rangeError({ startDate: '2025-01-01', endDate: '2026-01-02' })).toBe('the range covers 367 days; at most 366 are allowed');
    expect(costRange({ startDate: '2024-01-01', endDate: '2024-12-31' }, NOW).endDate).toBe('2024-12-31');
  });
});

describe('usage.cost pricing', () => {
  const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

  it('bills cached input at its own rates and the rest at the input rate', () => {
    const tokens = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 600_000, cacheWriteTokens: 100_000, totalTokens: 1_100_000 };
    // 300k uncached × $3 + 600k × $0.30 + 100k × $3.75 + 100k out × $15
    expect(priceOf(tokens, price)).toBeCloseTo(0.9 + 0.18 + 0.375 + 1.5, 10);
  });

  it('makes every total an unpriced model is part of unknown (null), never zero', () => {
    const group = (day: string, sessionKey: string, model: string, inputTokens: number, outputTokens: number): UsageGroup => ({
      day,
      sessionKey,
      provider: 'p',
      model,
      inputTokens,
      outputTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    const report = costReport(
      [group('2026-03-14', 'agent:main:a', 'priced', 1_000, 1_000), group('2026-03-15', 'agent:main:a', 'priced', 1_000, 0), group('2026-03-15', 'agent:main:b', 'free', 10, 10)],
      { startDate: '2026-03-13', endDate: '2026-03-15' },
      (_provider, model) => (model === 'priced' ? { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 } : undefined),
    );
    expect(report.totals).toMatchObject({ totalTokens: 3_020, costUsd: null });
    expect(report.days.map((day) => [day.date, day.costUsd])).toEqual([
      ['2026-03-13', 0],
      ['2026-03-14', 0.003],
      ['2026-03-15', null],
    ]);
    expect(report.byModel.map((model) => [model.model, model.costUsd, model.priced])).toEqual([
      ['priced', 0.004, true],
      ['free', null, false],
    ]);
    expect(report.bySession.map((session) => [session.sessionKey, session.costUsd])).toEqual([
      ['agent:main:a', 0.004],
      ['agent:main:b', null],
    ]);
    expect(report.unpricedModels).toEqual(['p/free']);
  });
});
