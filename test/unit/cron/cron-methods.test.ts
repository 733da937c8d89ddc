import { describe, expect, it } from 'vitest';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { cronHarness } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const job = { name: 'n', schedule: { everyMs: 60_000 }, payload: { kind: 'systemEvent', text: 't' } };

describe('cron methods', () => {
  it.each(['cron.update', 'cron.run', 'cron.runs'])('%s of an unknown id answers CRON_JOB_NOT_FOUND', async (method) => {
    const harness = cronHarness({ now: NOW });
    const params = method === 'cron.update' ? { id: 'nope', patch: { name: 'x' } } : { jobId: 'nope' };
    await expect(harness.call(method, params)).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown cron job id: nope', details: { code: 'CRON_JOB_NOT_FOUND', jobId: 'nope' } });
  });

  it('lists by next run, reports status, removes with events', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const late = (await harness.call('cron.add', { ...job, name: 'late', schedule: { everyMs: 120_000, anchorMs: NOW + 120_000 } })) as CronJobView;
    const early = (await harness.call('cron.add', { ...job, name: 'early', schedule: { everyMs: 60_000, anchorMs: NOW + 60_000 } })) as CronJobView;
    const listed = (await harness.call('cron.list', {})) as { jobs: CronJobView[] };
    expect(listed.jobs.map((entry) => entry.name)).toEqual(['early', 'late']);
    expect(await harness.call('cron.status', {})).toEqual({ enabled: true, jobs: 2, nextWakeAtMs: NOW + 60_000, storePath: ':memory:' });
    expect(await harness.call('cron.remove', { jobId: late.id })).toEqual({ ok: true, removed: true });
    expect(await harness.call('cron.remove', { id: late.id })).toEqual({ ok: true, removed: false });
    expect(harness.events.map((event) => [event.action, event.jobId])).toEqual([
      ['added', late.id],
      ['added', early.id],
      ['removed', late.id],
    ]);
  });

  it('serves an unchanged listing again, and a fresh one after any change: an update, a run, a removal', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const list = async (params: object = {}) => ((await harness.call('cron.list', params)) as { jobs: CronJobView[] }).jobs;
    const first = (await harness.call('cron.add', { ...job, name: 'first', schedule: { everyMs: 60_000, anchorMs: NOW + 60_000 } })) as CronJobView;
    const second = (await harness.call('cron.add', { ...job, name: 'second', schedule: { everyMs: 90_000, anchorMs: NOW + 90_000 } })) as CronJobView;
    const before = await list();
    expect(await list()).toBe(before);
    expect((await list({ limit: 1, offset: 1 })).map((entry) => entry.name)).toEqual(['second']);
    await harness.call('cron.update', { id: second.id, patch: { name: 'renamed' } });
    expect((await list()).map((entry) => entry.name)).toEqual(['first', 'renamed']);
    await harness.time.advance(60_000);
    const afterRun = await list();
    expect(afterRun.map((entry) => [entry.name, entry.state.nextRunAtMs])).toEqual([
      ['renamed', NOW + 90_000],
      ['first', NOW + 120_000],
    ]);
    await harness.call('cron.update', { id: first.id, patch: { enabled: false } });
    expect((await list()).map((entry) => entry.name)).toEqual(['renamed']);
    expect((await list({ includeDisabled: true })).map((entry) => entry.name)).toEqual(['renamed', 'first']);
    expect((await list({ enabled: 'disabled' })).map((entry) => entry.name)).toEqual(['first']);
    await harness.call('cron.remove', { id: second.id });
    expect(await list()).toEqual([]);
  });

  it('leaves a job untouched when a patch is refused', async () => {
    const harness = cronHarness({ now: NOW });
    const added = (await harness.call('cron.add', job)) as CronJobView;
    await expect(harness.call('cron.update', { id: added.id, patch: { name: 'renamed', schedule: { everyMs: 10 } } })).rejects.toMatchObject({ details: { field: 'schedule.everyMs' } });
    expect(harness.scheduler.get(added.id)?.name).toBe('n');
  });

  it('cron.run in `due` mode runs only a due job', async () => {
    const harness = cronHarness({ now: NOW });
    const added = (await harness.call('cron.add', { ...job, schedule: { everyMs: 60_000, anchorMs: NOW + 60_000 } })) as CronJobView;
    expect(await harness.call('cron.run', { id: added.id, mode: 'due' })).toEqual({ ok: true, ran: false, reason: 'not-due' });
    expect(await harness.call('cron.run', { id: added.id })).toMatchObject({ ok: true, ran: true, runId: expect.any(String) });
  });
});
