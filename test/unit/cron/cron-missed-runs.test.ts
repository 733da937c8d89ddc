import { describe, expect, it } from 'vitest';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { cronHarness } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const HOUR = 3_600_000;
const hourly = { schedule: { kind: 'cron', expr: '0 * * * *', tz: 'UTC', staggerMs: 0 }, payload: { kind: 'systemEvent', text: 'hourly' } };

async function downAcrossSlots(settings: { skipMissedJobs?: boolean } = {}, jobs = 1) {
  const harness = cronHarness({ now: NOW + 1_000, settings });
  harness.scheduler.start();
  const added: CronJobView[] = [];
  for (let i = 0; i < jobs; i += 1) added.push((await harness.call('cron.add', { name: `job ${i}`, ...hourly })) as CronJobView);
  // Down from 06:00:01 to 09:30: the 07:00, 08:00 and 09:00 slots fall in the downtime.
  const restarted = await harness.restart(3.5 * HOUR - 1_000);
  return { restarted, added };
}

describe('runs missed while the gateway was down', () => {
  it('records every missed slot and runs a recurring job once to catch up', async () => {
    const { restarted, added } = await downAcrossSlots();
    const id = added[0]?.id as string;
    const runs = restarted.repository.runs(id, 10);
    expect(runs.map((run) => [run.status, new Date(run.runAtMs as number).toISOString().slice(11, 16)])).toEqual([
      ['missed', '07:00'],
      ['missed', '08:00'],
      ['missed', '09:00'],
      ['ok', '09:30'],
    ]);
    expect(runs[0]?.summary).toMatch(/ran once to catch up/);
    expect(restarted.systemEvents.queued().map((event) => event.text)).toEqual(['hourly']);
    expect(restarted.scheduler.get(id)?.state.nextRunAtMs).toBe(Date.parse('2024-06-03T10:00:00Z'));
  });

  it('with cron.skipMissedJobs records the slots as missed and waits for the next one', async () => {
    const { restarted, added } = await downAcrossSlots({ skipMissedJobs: true });
    const id = added[0]?.id as string;
    const runs = restarted.repository.runs(id, 10);
    expect(runs.map((run) => run.status)).toEqual(['missed', 'missed', 'missed']);
    expect(runs[0]?.summary).toMatch(/cron\.skipMissedJobs/);
    expect(restarted.systemEvents.queued()).toEqual([]);
    expect(restarted.scheduler.get(id)?.state.nextRunAtMs).toBe(Date.parse('2024-06-03T10:00:00Z'));
  });

  it('catches up at most 5 jobs, 5 s apart', async () => {
    const { restarted, added } = await downAcrossSlots({}, 7);
    const restartedAt = restarted.time.now;
    const nexts = added.map((job) => (restarted.scheduler.get(job.id)?.state.nextRunAtMs as number) - restartedAt);
    // The first ran at once; the next four wait their turn; the last two resume at 10:00.
    expect(nexts.slice(1, 5)).toEqual([5_000, 10_000, 15_000, 20_000]);
    expect(nexts.slice(5)).toEqual([HOUR / 2, HOUR / 2]);
    await restarted.time.advance(20_000);
    expect(restarted.systemEvents.queued()).toHaveLength(5);
    const skipped = restarted.repository.runs(added[6]?.id as string, 10);
    expect(skipped.map((run) => run.status)).toEqual(['missed', 'missed', 'missed']);
    expect(skipped[0]?.summary).toMatch(/at most 5 jobs/);
  });

  it('runs a one-shot that fell in the downtime', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const job = (await harness.call('cron.add', { name: 'remind', schedule: { kind: 'at', atMs: NOW + 60_000 }, payload: { kind: 'systemEvent', text: 'call mum' } })) as CronJobView;
    const restarted = await harness.restart(HOUR);
    expect(restarted.systemEvents.queued().map((event) => event.text)).toEqual(['call mum']);
    expect(restarted.repository.runs(job.id, 10)).toMatchObject([{ status: 'ok' }]);
    expect(restarted.scheduler.get(job.id)).toBeUndefined();
  });
});
