import { describe, expect, it } from 'vitest';
import { slotsBetween } from '../../../gateway/features/cron/cron-schedule.js';
import { DEFAULT_TOP_OF_HOUR_STAGGER_MS, isTopOfHourExpr, staggerOffsetMs } from '../../../gateway/features/cron/cron-stagger.js';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { cronHarness } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const HOUR = 3_600_000;
const reminder = { payload: { kind: 'systemEvent', text: 'on the hour' } };

describe('top-of-hour stagger', () => {
  it('recognises jobs that fire on the hour, as OpenClaw does', () => {
    expect(isTopOfHourExpr('0 * * * *')).toBe(true);
    expect(isTopOfHourExpr('0 */2 * * *')).toBe(true);
    expect(isTopOfHourExpr('0 0 * * * *')).toBe(true);
    expect(isTopOfHourExpr('0 8 * * 1-5')).toBe(false);
    expect(isTopOfHourExpr('30 * * * *')).toBe(false);
    expect(isTopOfHourExpr('*/5 * * * *')).toBe(false);
  });

  it('gives an hourly job a fixed place in the first five minutes, shown as staggerMs and kept across a restart', async () => {
    const harness = cronHarness({ now: NOW + 1_000 });
    harness.scheduler.start();
    const job = (await harness.call('cron.add', { name: 'hourly', schedule: { kind: 'cron', expr: '0 * * * *', tz: 'UTC' }, ...reminder })) as CronJobView;
    const offset = staggerOffsetMs(job.id, DEFAULT_TOP_OF_HOUR_STAGGER_MS);
    // Added a second after 06:00: the 06:00 slot, staggered, is still ahead.
    expect(offset).toBeGreaterThan(1_000);
    expect(job.schedule).toEqual({ kind: 'cron', expr: '0 * * * *', tz: 'UTC', staggerMs: DEFAULT_TOP_OF_HOUR_STAGGER_MS });
    expect(job.state.nextRunAtMs).toBe(NOW + offset);
    await harness.time.advance(offset - 1_001);
    expect(harness.systemEvents.queued()).toEqual([]);
    await harness.time.advance(1);
    expect(harness.systemEvents.queued()).toHaveLength(1);
    expect(harness.scheduler.get(job.id)?.state.nextRunAtMs).toBe(NOW + HOUR + offset);
    const restarted = await harness.restart(10 * 60_000);
    expect(restarted.scheduler.get(job.id)?.state.nextRunAtMs).toBe(NOW + HOUR + offset);
  });

  it('staggerMs: 0 keeps the job on the hour; other expressions are not staggered; a bad window is refused', async () => {
    const harness = cronHarness({ now: NOW + 1_000 });
    const exact = (await harness.call('cron.add', { name: 'exact', schedule: { kind: 'cron', expr: '0 * * * *', tz: 'UTC', staggerMs: 0 }, ...reminder })) as CronJobView;
    expect(exact.schedule).toMatchObject({ staggerMs: 0 });
    expect(exact.state.nextRunAtMs).toBe(NOW + HOUR);
    const morning = (await harness.call('cron.add', { name: 'morning', schedule: { kind: 'cron', expr: '0 8 * * *', tz: 'UTC' }, ...reminder })) as CronJobView;
    expect(morning.schedule).not.toHaveProperty('staggerMs');
    expect(morning.state.nextRunAtMs).toBe(Date.parse('2024-06-03T08:00:00Z'));
    const window = (await harness.call('cron.add', { name: 'window', schedule: { kind: 'cron', expr: '0 8 * * *', tz: 'UTC', staggerMs: 60_000 }, ...reminder })) as CronJobView;
    expect(window.state.nextRunAtMs).toBe(Date.parse('2024-06-03T08:00:00Z') + staggerOffsetMs(window.id, 60_000));
    await expect(harness.call('cron.add', { name: 'bad', schedule: { kind: 'cron', expr: '0 * * * *', staggerMs: -5 }, ...reminder })).rejects.toMatchObject({ details: { field: 'schedule.staggerMs' } });
    await expect(harness.call('cron.add', { name: 'bad', schedule: { kind: 'cron', expr: '0 * * * *', staggerMs: 2 * HOUR }, ...reminder })).rejects.toMatchObject({ details: { field: 'schedule.staggerMs' } });
  });

  it('keeps a staggered job on its offset across the spring-forward and fall-back nights in Berlin', () => {
    const offsetMs = 123_456;
    const exact = { kind: 'cron', expr: '0 */2 * * *', tz: 'Europe/Berlin' } as const;
    const staggered = { ...exact, staggerMs: DEFAULT_TOP_OF_HOUR_STAGGER_MS, offsetMs } as const;
    // 2024-03-31 02:00 does not exist in Berlin; on 2024-10-27 02:00 happens twice.
    for (const [from, to] of [['2024-03-30T21:30:00Z', '2024-03-31T05:30:00Z'], ['2024-10-26T21:30:00Z', '2024-10-27T05:30:00Z']] as const) {
      const slots = slotsBetween(exact, Date.parse(from), Date.parse(to), 10).slots;
      expect(slotsBetween(staggered, Date.parse(from), Date.parse(to), 10).slots).toEqual(slots.map((slot) => slot + offsetMs));
    }
    expect(slotsBetween(staggered, Date.parse('2024-03-30T21:30:00Z'), Date.parse('2024-03-31T05:30:00Z'), 10).slots.map((slot) => new Date(slot).toISOString())).toEqual([
      '2024-03-30T23:02:03.456Z',
      '2024-03-31T02:02:03.456Z',
      '2024-03-31T04:02:03.456Z',
    ]);
  });
});
