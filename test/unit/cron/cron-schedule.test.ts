import { describe, expect, it } from 'vitest';
import { nextRunAfter, nextRunFrom, slotsBetween, validateSchedule } from '../../../gateway/features/cron/cron-schedule.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const runs = (expr: string, tz: string, from: string, count: number) => {
  const out: string[] = [];
  let at = Date.parse(from);
  for (let i = 0; i < count; i += 1) {
    const next = nextRunAfter({ kind: 'cron', expr, tz }, at) as number;
    out.push(iso(next) as string);
    at = next;
  }
  return out;
};

describe('cron expressions in the job zone', () => {
  it('runs a daily 02:30 Berlin job once on the spring-forward day, at 03:00 local', () => {
    expect(runs('30 2 * * *', 'Europe/Berlin', '2024-03-30T00:00:00Z', 3)).toEqual([
      '2024-03-30T01:30:00.000Z', // 02:30 CET
      '2024-03-31T01:00:00.000Z', // 02:30 does not exist: 03:00 CEST
      '2024-04-01T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('runs a daily 02:30 Berlin job once, not twice, on the fall-back day', () => {
    expect(runs('30 2 * * *', 'Europe/Berlin', '2024-10-26T00:00:00Z', 3)).toEqual([
      '2024-10-26T00:30:00.000Z',
      '2024-10-27T00:30:00.000Z', // the first 02:30 (CEST); the repeated hour does not run again
      '2024-10-28T01:30:00.000Z',
    ]);
  });

  it('keeps 08:00 New York at 08:00 local across both changes', () => {
    expect(runs('0 8 * * *', 'America/New_York', '2024-03-09T00:00:00Z', 2)).toEqual(['2024-03-09T13:00:00.000Z', '2024-03-10T12:00:00.000Z']);
    expect(runs('0 8 * * *', 'America/New_York', '2024-11-02T00:00:00Z', 2)).toEqual(['2024-11-02T12:00:00.000Z', '2024-11-03T13:00:00.000Z']);
  });

  it('handles the New York skipped and repeated hours', () => {
    expect(runs('30 2 * * *', 'America/New_York', '2024-03-09T12:00:00Z', 2)).toEqual(['2024-03-10T07:00:00.000Z', '2024-03-11T06:30:00.000Z']);
    expect(runs('30 1 * * *', 'America/New_York', '2024-11-02T12:00:00Z', 2)).toEqual(['2024-11-03T05:30:00.000Z', '2024-11-04T06:30:00.000Z']);
  });

  it('runs a 29 February job only in leap years', () => {
    expect(runs('0 12 29 2 *', 'UTC', '2023-01-01T00:00:00Z', 2)).toEqual(['2024-02-29T12:00:00.000Z', '2028-02-29T12:00:00.000Z']);
  });

  it('accepts 6 fields (seconds) and OR-s day-of-month with day-of-week', () => {
    expect(runs('15 0 9 * * *', 'UTC', '2024-06-03T00:00:00Z', 1)).toEqual(['2024-06-03T09:00:15.000Z']);
    // 1st of the month OR Mondays: Mon 3 June, Mon 10 June ..., Mon 1 July.
    expect(runs('0 9 1 * 1', 'UTC', '2024-06-02T00:00:00Z', 2)).toEqual(['2024-06-03T09:00:00.000Z', '2024-06-10T09:00:00.000Z']);
  });

  it('refuses bad expressions and unknown zones, naming the field', () => {
    expect(() => validateSchedule({ kind: 'cron', expr: '61 * * * *', tz: 'UTC' })).toThrow(expect.objectContaining({ field: 'schedule.expr' }));
    expect(() => validateSchedule({ kind: 'cron', expr: '* * *', tz: 'UTC' })).toThrow(/expected 5 or 6 fields/);
    expect(() => validateSchedule({ kind: 'cron', expr: '* * * * *', tz: 'Mars/Olympus' })).toThrow(expect.objectContaining({ field: 'schedule.tz' }));
    expect(() => validateSchedule({ kind: 'every', everyMs: 999, anchorMs: 0 })).toThrow(expect.objectContaining({ field: 'schedule.everyMs' }));
  });
});

describe('every and at', () => {
  const every = { kind: 'every', everyMs: 60_000, anchorMs: 1_000_000 } as const;

  it('stays on the anchor grid whenever it is asked (restarts do not drift)', () => {
    expect(nextRunAfter(every, 1_000_000)).toBe(1_060_000);
    expect(nextRunAfter(every, 1_059_999)).toBe(1_060_000);
    expect(nextRunAfter(every, 1_060_000)).toBe(1_120_000);
    expect(nextRunAfter(every, 5_000_123)).toBe(5_020_000);
    expect(nextRunFrom(every, 1_000_000)).toBe(1_000_000);
  });

  it('lists the slots in a window, capped', () => {
    expect(slotsBetween(every, 1_000_000, 1_180_000, 100)).toEqual({ slots: [1_000_000, 1_060_000, 1_120_000, 1_180_000], more: false });
    expect(slotsBetween(every, 1_000_000, 9_000_000, 3)).toEqual({ slots: [1_000_000, 1_060_000, 1_120_000], more: true });
  });

  it('has a one-shot due once', () => {
    expect(nextRunFrom({ kind: 'at', atMs: 5 }, 100)).toBe(5);
    expect(nextRunAfter({ kind: 'at', atMs: 5 }, 5)).toBeUndefined();
  });
});
