import { describe, expect, it } from 'vitest';
import { RUNS_KEPT_PER_JOB, SKIPPED_RUNS_KEPT_PER_JOB } from '../../../gateway/features/cron/cron-repository.js';
import { MAX_SKIPPED_RECORDS_PER_RUN, SKIP_REASONS } from '../../../gateway/features/cron/cron-skipped-runs.js';
import type { CronJobView, CronRunLogEntry } from '../../../shared/protocol/cron/results.js';
import { addJob, cronHarness, jobHeldInItsFirstRun, settle, type CronHarness } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const MINUTE = 60_000;

const runs = async (harness: CronHarness, params: object) => ((await harness.call('cron.runs', params)) as { entries: CronRunLogEntry[] }).entries;

describe('a run due while the previous one is still going', () => {
  it('is recorded as skipped with the reason, hidden from cron.runs unless asked for', async () => {
    const harness = cronHarness({ now: NOW });
    const { job, release } = await jobHeldInItsFirstRun(harness);
    await harness.time.advance(5_000);
    release();
    await settle();

    expect(await runs(harness, { id: job.id })).toMatchObject([{ status: 'ok', runAtMs: NOW }]);
    const all = await runs(harness, { id: job.id, includeSkipped: true });
    expect(all.map((entry) => [entry.status, entry.runAtMs])).toEqual([
      ['skipped', NOW + 1_000],
      ['skipped', NOW + 2_000],
      ['skipped', NOW + 3_000],
      ['skipped', NOW + 4_000],
      ['skipped', NOW + 5_000],
      ['ok', NOW],
    ]);
    expect(all[0]).toMatchObject({ jobId: job.id, action: 'finished', error: SKIP_REASONS.overlap });
    // A status filter that names them asks for them too.
    expect(await runs(harness, { id: job.id, status: 'skipped' })).toHaveLength(5);
    expect(await runs(harness, { id: job.id, statuses: ['ok', 'skipped'] })).toHaveLength(6);
    expect(await runs(harness, { id: job.id, status: 'skipped', includeSkipped: false })).toEqual([]);
    // Clients hear of them as OpenClaw sends them: `finished` with status skipped.
    expect(harness.events.filter((event) => event.status === 'skipped')).toHaveLength(5);
    // The job ran: its state says so, and the skips are no failures.
    expect(harness.scheduler.get(job.id)?.state).toMatchObject({ lastStatus: 'ok', consecutiveErrors: 0, nextRunAtMs: NOW + 6_000 });
    expect(harness.scheduler.get(job.id)?.state.consecutiveSkipped).toBeUndefined();
  });

  it('keeps real runs within the limit: skipped ones never take their place', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const job = await addJob(harness, { schedule: { everyMs: 1_000 }, payload: { kind: 'agentTurn', message: 'slow' } });
    await harness.time.advance(0);
    const release = harness.turns.hold();
    await harness.time.advance(1_000);
    await harness.time.advance(3_000);
    release();
    await settle();
    // Stored: ok, skipped ×3, ok.
    expect((await runs(harness, { id: job.id, limit: 2 })).map((entry) => [entry.status, entry.runAtMs])).toEqual([['ok', NOW], ['ok', NOW + 1_000]]);
    expect((await runs(harness, { id: job.id, limit: 2, includeSkipped: true })).map((entry) => entry.status)).toEqual(['skipped', 'ok']);
  });

  it('records at most 100 slots for one long run, and says so on the last', async () => {
    const harness = cronHarness({ now: NOW });
    const { job, release } = await jobHeldInItsFirstRun(harness);
    await harness.time.advance(10 * MINUTE);
    release();
    await settle();
    const skipped = await runs(harness, { id: job.id, status: 'skipped', limit: 1_000 });
    expect(skipped).toHaveLength(MAX_SKIPPED_RECORDS_PER_RUN);
    expect(skipped.at(-1)?.error).toMatch(/slots after the first 100 not listed/);
  });
});

describe('a job whose agent is gone from the config', () => {
  it('is skipped at each slot, with the reason, without backoff, auto-disable or a failure alert', async () => {
    const harness = cronHarness({ now: NOW, agents: ['main'], settings: { failureAlert: { enabled: true, after: 1 } } });
    harness.scheduler.start();
    const job = await addJob(harness, { agentId: 'ghost', schedule: { everyMs: MINUTE }, payload: { kind: 'systemEvent', text: 'stretch' } });
    await harness.time.advance(0);
    await harness.time.advance(11 * MINUTE);

    expect(harness.systemEvents.queued()).toEqual([]);
    expect(harness.events.filter((event) => event.action === 'started')).toEqual([]);
    expect(await runs(harness, { id: job.id })).toEqual([]);
    const skipped = await runs(harness, { id: job.id, includeSkipped: true });
    expect(skipped).toHaveLength(12);
    expect(skipped[0]).toMatchObject({ status: 'skipped', runAtMs: NOW, nextRunAtMs: NOW + MINUTE, error: expect.stringMatching(/agent "ghost" is not configured/) });
    const [listed] = ((await harness.call('cron.list', {})) as { jobs: CronJobView[] }).jobs;
    expect(listed).toMatchObject({ enabled: true, state: { lastStatus: 'skipped', lastRunStatus: 'skipped', consecutiveSkipped: 12, nextRunAtMs: NOW + 12 * MINUTE } });
    expect(listed?.state.consecutiveErrors).toBeUndefined();
    expect(harness.deliveries.requests).toEqual([]);
    expect(((await harness.call('cron.list', { lastRunStatus: 'skipped' })) as { jobs: unknown[] }).jobs).toHaveLength(1);
  });

  it('alerts after `after` skips in a row only with includeSkipped, through the default agent', async () => {
    const harness = cronHarness({ now: NOW, agents: ['main'], settings: { failureAlert: { enabled: true, after: 2 } } });
    harness.scheduler.start();
    const job = await addJob(harness, { agentId: 'ghost', schedule: { everyMs: MINUTE }, payload: { kind: 'systemEvent', text: 'stretch' }, failureAlert: { channel: 'telegram', to: '42', includeSkipped: true } });
    expect(job.failureAlert).toEqual({ channel: 'telegram', to: '42', includeSkipped: true });
    await harness.time.advance(0);
    expect(harness.deliveries.requests).toEqual([]);
    await harness.time.advance(MINUTE);
    expect(harness.deliveries.requests).toMatchObject([
      { sessionKey: 'agent:main:main', channel: 'telegram', to: '42', text: expect.stringMatching(/^Cron job "job" was skipped 2 times: agent "ghost" is not configured/) },
    ]);
  });

  it('leaves a failure streak as it was: a skip is neither a failure nor a success', async () => {
    const agents = ['main', 'ops'];
    const harness = cronHarness({ now: NOW, agents });
    harness.scheduler.start();
    harness.turns.outcome = { status: 'error', message: 'model down' };
    const job = await addJob(harness, { agentId: 'ops', schedule: { kind: 'cron', expr: '0 0 1 1 *', tz: 'UTC' }, payload: { kind: 'agentTurn', message: 'm' } });
    for (let index = 0; index < 2; index += 1) {
      await harness.call('cron.run', { id: job.id, mode: 'force' });
      await settle();
    }
    agents.splice(agents.indexOf('ops'), 1);
    const { runId } = (await harness.call('cron.run', { id: job.id, mode: 'force' })) as { runId: string };
    await settle();
    // The run cron.run answered with is found by its id, skipped as it was.
    expect(await runs(harness, { id: job.id, runId })).toMatchObject([{ runId, status: 'skipped' }]);
    expect(harness.scheduler.get(job.id)?.state).toMatchObject({ consecutiveErrors: 2, consecutiveSkipped: 1, lastStatus: 'skipped' });
    agents.push('ops');
    await harness.call('cron.run', { id: job.id, mode: 'force' });
    await settle();
    expect(harness.scheduler.get(job.id)?.state).toMatchObject({ consecutiveErrors: 3, lastStatus: 'error' });
    expect(harness.scheduler.get(job.id)?.state.consecutiveSkipped).toBeUndefined();
  });

  it('disables a one-shot it skips, keeping it so the reason can be read', async () => {
    const harness = cronHarness({ now: NOW, agents: ['main'] });
    harness.scheduler.start();
    const job = await addJob(harness, { agentId: 'ghost', schedule: { kind: 'at', atMs: NOW + 1_000 }, payload: { kind: 'systemEvent', text: 't' } });
    await harness.time.advance(1_000);
    expect(harness.scheduler.get(job.id)).toMatchObject({ enabled: false, state: { lastStatus: 'skipped' } });
    expect(harness.scheduler.get(job.id)?.state.nextRunAtMs).toBeUndefined();
    expect(harness.time.armedDelays()).toEqual([]);
  });
});

describe('slots that fell while the scheduler could not run', () => {
  it('runs once after cron is turned back on, and records the other slots as skipped', async () => {
    const harness = cronHarness({ now: NOW, settings: { enabled: false } });
    harness.scheduler.start();
    const job = await addJob(harness, { schedule: { everyMs: MINUTE }, payload: { kind: 'systemEvent', text: 't' } });
    await harness.time.advance(5 * MINUTE);
    harness.settings.enabled = true;
    harness.scheduler.rearm();
    await harness.time.advance(0);
    const all = await runs(harness, { id: job.id, includeSkipped: true });
    expect(all.map((entry) => [entry.status, entry.runAtMs])).toEqual([
      ['skipped', NOW + MINUTE],
      ['skipped', NOW + 2 * MINUTE],
      ['skipped', NOW + 3 * MINUTE],
      ['skipped', NOW + 4 * MINUTE],
      ['skipped', NOW + 5 * MINUTE],
      ['ok', NOW + 5 * MINUTE],
    ]);
    expect(all[0]?.error).toBe(SKIP_REASONS.collapsed);
    expect(harness.scheduler.get(job.id)?.state.nextRunAtMs).toBe(NOW + 6 * MINUTE);
  });
});

describe('the run history stays bounded', () => {
  it('keeps skipped runs on their own count, so they never push real runs out', () => {
    const harness = cronHarness({ now: NOW });
    const entry = (status: 'ok' | 'skipped', ts: number): CronRunLogEntry => ({ ts, jobId: 'j', action: 'finished', status, runAtMs: ts });
    for (let index = 0; index < 3; index += 1) harness.repository.addRun(entry('ok', index));
    for (let index = 0; index < SKIPPED_RUNS_KEPT_PER_JOB + 20; index += 1) harness.repository.addRun(entry('skipped', 100 + index));
    const stored = harness.repository.runs('j', 5_000, { includeSkipped: true });
    expect(stored.filter((run) => run.status === 'ok')).toHaveLength(3);
    expect(stored.filter((run) => run.status === 'skipped')).toHaveLength(SKIPPED_RUNS_KEPT_PER_JOB);
    // The oldest skipped ones went first.
    expect(stored.find((run) => run.status === 'skipped')?.ts).toBe(120);
    expect(harness.repository.runs('j', 5_000)).toHaveLength(3);
    expect(SKIPPED_RUNS_KEPT_PER_JOB).toBeLessThan(RUNS_KEPT_PER_JOB);
  });
});
