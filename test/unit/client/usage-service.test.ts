import { describe, expect, it } from 'vitest';
import { formatCost, formatTokens, readUsage, topBars } from '../../../client/usage/usage-service.js';

const zero = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 0 };
const costed = (total: number, costUsd: number | null) => ({ ...zero, inputTokens: total, totalTokens: total, costUsd });

const cost = {
  startDate: '2026-11-30',
  endDate: '2026-12-01',
  currency: 'USD',
  totals: costed(300, null),
  days: [
    { date: '2026-11-30', ...costed(100, 0.5) },
    { date: '2026-12-01', ...costed(200, null) },
  ],
  byModel: [
    { provider: 'local', model: 'small', priced: true, ...costed(100, 0.5) },
    { provider: 'other', model: 'big', priced: false, ...costed(200, null) },
  ],
  bySession: [{ sessionKey: 'agent:main:main', ...costed(300, null) }],
  unpricedModels: ['other/big'],
};

describe('the Usage page reader', () => {
  it('reads usage.cost for the range as bars per day, model and session; usage.status only where served', async () => {
    const asked: unknown[] = [];
    const view = await readUsage(async (method, params) => {
      asked.push([method, params]);
      return cost;
    }, ['usage.cost'], 7);
    expect(asked).toEqual([['usage.cost', { days: 7 }]]);
    expect(view.days).toEqual([
      { label: '2026-11-30', tokens: 100, costUsd: 0.5 },
      { label: '2026-12-01', tokens: 200, costUsd: null },
    ]);
    expect(view.byModel.map((bar) => bar.label)).toEqual(['other/big', 'local/small']);
    expect(view.bySession).toEqual([{ label: 'agent:main:main', tokens: 300, costUsd: null }]);
    expect(view.totals).toEqual({ label: 'Total', tokens: 300, costUsd: null });
    expect(view.unpricedModels).toEqual(['other/big']);
    expect(view.status).toBeUndefined();
  });

  it('a malformed answer is an error naming the method', async () => {
    await expect(readUsage(async () => ({ days: [] }), ['usage.cost'], 30)).rejects.toThrow(/usage\.cost answered in an unexpected shape/);
  });

  it('keeps the biggest bars and sums the rest into one', () => {
    const bars = [5, 1, 4, 2, 3].map((tokens) => ({ label: `m${tokens}`, tokens, costUsd: tokens }));
    expect(topBars(bars, 3)).toEqual([
      { label: 'm5', tokens: 5, costUsd: 5 },
      { label: 'm4', tokens: 4, costUsd: 4 },
      { label: '3 others', tokens: 6, costUsd: 6 },
    ]);
    expect(topBars([...bars, { label: 'x', tokens: 0, costUsd: null }], 3)[2]).toMatchObject({ label: '4 others', costUsd: null });
  });

  it('formats tokens and cost', () => {
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(1_500)).toBe('1.5k');
    expect(formatTokens(25_000_000)).toBe('25M');
    expect(formatCost(null)).toBe('no price');
    expect(formatCost(0.001)).toBe('< $0.01');
    expect(formatCost(1.234)).toBe('$1.23');
  });
});
