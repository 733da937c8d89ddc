import { describe, expect, it } from 'vitest';
import { BACKOFF_MS } from '../../../gateway/features/cron/cron-scheduler.js';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { addJob, cronHarness, jobHeldInItsFirstRun, settle } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');

describe('the scheduler runs jobs on time', () => {
  it('posts a systemEvent into the main session and asks for a wake, once, at the slot', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const job = await addJob(harness, { schedule: { kind: 'at', atMs: NOW + 2_000 }, wakeMode: 'now', payload: { kind: 'systemEvent', text: 'stand up' } });
    await harness.time.advance(1_999);
    expect(harness.systemEvents.queued()).toEqual([]);
    await harness.time.advance(1);
    expect(harness.systemEvents.queued()).toMatchObject([{ text: 'stand up', sessionKey: 'agent:main:main', source: `cron:${job.id}` }]);
    expect(harness.wakes).toEqual([{ reason: `cron:${job.id}`, agentId: 'main', mode: 'now' }]);
    expect(harness.events.map((event) => event.action)).toEqual(['added', 'started', 'finished', 'removed']);
    expect(harness.events[2]).toMatchObject({ jobId: job.id, action: 'finished', status: 'ok', runAtMs: NOW + 2_000, durationMs: 0 });
    expect(harness.repository.runs(job.id, 10)).toMatchObject([{ status: 'ok', summary: 'stand up' }]);
  });

  it('runs an agentTurn in its isolated session, records the run and posts the summary to main', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    harness.turns.outcome = { status: 'ok', text: 'You have 3 new mails.' };
    const job = await addJob(harness, { schedule: { everyMs: 60_000 }, payload: { kind: 'agentTurn', message: 'summarise', thinking: 'low', timeoutSeconds: 20 }, delivery: { mode: 'announce', channel: 'telegram', to: '1' } });
    await harness.time.advance(0);
    expect(harness.turns.requests[0]).toMatchObject({ origin: { kind: 'cron', id: job.id }, agentId: 'main', sessionKey: `agent:main:cron:${job.id}`, message: 'summarise', thinking: 'low', timeoutMs: 20_000 });
    const [run] = harness.repository.runs(job.id, 10);
    expect(run).toMatchObject({ status: 'ok', summary: 'You have 3 new mails.', sessionKey: `agent:main:cron:${job.id}`, deliveryStatus: 'delivered' });
    expect(harness.deliveries.requests).toEqual([{ sessionKey: `agent:main:cron:${job.id}`, text: 'You have 3 new mails.', channel: 'telegram', to: '1' }]);
    expect(harness.events.find((event) => event.action === 'finished')).toMatchObject({ deliveryStatus: 'delivered' });
    expect(harness.systemEvents.queued().map((event) => event.text)).toEqual(['Cron "job": You have 3 new mails.']);
    expect(harness.scheduler.get(job.id)?.state).toMatchObject({ nextRunAtMs: NOW + 60_000, lastStatus: 'ok', consecutiveErrors: 0 });
  });

  it('announces to "last" by default; a failed delivery is recorded with its reason and does not fail the run', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    harness.turns.outcome = { status: 'ok', text: 'Standup in 5 minutes.' };
    harness.deliveries.failWith = 'no chat to deliver to: agent main has not heard from anyone on a channel yet (name channel and to)';
    const job = await addJob(harness, { schedule: { everyMs: 60_000 }, payload: { kind: 'agentTurn', message: 'remind me' }, delivery: { mode: 'announce' } });
    await harness.time.advance(0);
    expect(harness.deliveries.requests).toEqual([{ sessionKey: `agent:main:cron:${job.id}`, text: 'Standup in 5 minutes.' }]);
    const [run] = harness.repository.runs(job.id, 10);
    expect(run).toMatchObject({ status: 'ok', deliveryStatus: 'not-delivered', deliveryError: expect.stringMatching(/has not heard from anyone/) });
    expect(harness.events.find((event) => event.action === 'finished')).toMatchObject({ status: 'ok', deliveryStatus: 'not-delivered', deliveryError: expect.stringMatching(/no chat/) });
    expect(harness.scheduler.get(job.id)?.state).toMatchObject({ lastStatus: 'ok', consecutiveErrors: 0 });
  });

  it('does not deliver a failed run, and says so', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    harness.turns.outcome = { status: 'error', message: 'provider down' };
    const job = await addJob(harness, { schedule: { everyMs: 60_000 }, payload: { kind: 'agentTurn', message: 'x' }, delivery: { mode: 'announce' } });
    await harness.time.advance(0);
    expect(harness.deliveries.requests).toEqual([]);
    expect(harness.repository.runs(job.id, 10)[0]).toMatchObject({ status: 'error', deliveryStatus: 'not-delivered', deliveryError: 'the run failed; nothing was delivered' });
  });

  it('never runs a job twice at once', async () => {
    const harness = cronHarness({ now: NOW });
    const { job, release } = await jobHeldInItsFirstRun(harness);
    await harness.time.advance(5_000);
    expect(await harness.call('cron.run', { id: job.id })).toEqual({ ok: true, ran: false, reason: 'already-running' });
    expect(harness.turns.requests).toHaveLength(1);
    expect(harness.scheduler.get(job.id)?.state.runningAtMs).toBe(NOW);
    release();
    await settle();
    expect(harness.repository.runs(job.id, 10)).toHaveLength(1);
  });

  it('re-arms at most every 60 s, so a far job is checked again after a sleep', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    await addJob(harness, { schedule: { kind: 'cron', expr: '0 8 * * *', tz: 'UTC' }, payload: { kind: 'systemEvent', text: 't' } });
    expect(harness.time.armedDelays()).toEqual([60_000]);
    expect(harness.scheduler.status()).toEqual({ enabled: true, jobs: 1, nextWakeAtMs: Date.parse('2024-06-03T08:00:00Z') });
  });

  it('keeps no timer when cron is disabled, while the methods still work', async () => {
    const harness = cronHarness({ now: NOW, settings: { enabled: false } });
    harness.scheduler.start();
    await addJob(harness, { schedule: { everyMs: 1_000 }, payload: { kind: 'systemEvent', text: 't' } });
    expect(harness.time.armedDelays()).toEqual([]);
    expect(harness.scheduler.status()).toMatchObject({ enabled: false, nextWakeAtMs: null });
  });
});

describe('failures', () => {
  it('backs off 30 s, 1 min, 5 min, 15 min, 60 min and resets on success', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    harness.turns.outcome = { status: 'error', message: 'model down' };
    const job = await addJob(harness, { schedule: { kind: 'cron', expr: '0 0 1 1 *', tz: 'UTC' }, payload: { kind: 'agentTurn', message: 'm' } });
    await harness.call('cron.run', { id: job.id });
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const next = harness.scheduler.get(job.id)?.state.nextRunAtMs as number;
      delays.push(next - harness.time.now);
      await harness.time.advance(next - harness.time.now);
    }
    expect(delays).toEqual([...BACKOFF_MS, BACKOFF_MS[4]]);
    const listed = (await harness.call('cron.list', { includeDisabled: true })) as { jobs: CronJobView[] };
    expect(listed.jobs[0]?.state).toMatchObject({ consecutiveErrors: 7, lastStatus: 'error', lastError: 'model down' });
    harness.turns.outcome = { status: 'ok', text: 'fine' };
    await harness.time.advance(BACKOFF_MS[4]);
    expect(harness.scheduler.get(job.id)?.state).toMatchObject({ consecutiveErrors: 0, lastStatus: 'ok', nextRunAtMs: Date.parse('2025-01-01T00:00:00Z') });
    expect(harness.systemEvents.queued().at(-2)?.text).toBe('Cron (error) "job": model down');
  });

  it('disables a job after 10 consecutive failures, visibly in cron.list', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    harness.turns.outcome = { status: 'error', message: 'boom' };
    const job = await addJob(harness, { schedule: { everyMs: 1_000 }, payload: { kind: 'agentTurn', message: 'm' } });
    await harness.time.advance(24 * 3_600_000);
    expect(harness.turns.requests).toHaveLength(10);
    const listed = (await harness.call('cron.list', { includeDisabled: true })) as { jobs: CronJobView[] };
    expect(listed.jobs[0]).toMatchObject({ id: job.id, enabled: false, state: { consecutiveErrors: 10, autoDisabled: { consecutiveErrors: 10 } } });
    expect(((await harness.call('cron.list', {})) as { jobs: unknown[] }).jobs).toEqual([]);
    expect(harness.time.armedDelays()).toEqual([]);
    // Enabling it again starts afresh.
    const enabled = (await harness.call('cron.update', { id: job.id, patch: { enabled: true } })) as CronJobView;
    expect(enabled.state.consecutiveErrors).toBe(0);
    expect(enabled.state.autoDisabled).toBeUndefined();
  });
});

describe('restarts', () => {
  it('keeps `every` on its creation grid across a restart', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    const job = await addJob(harness, { schedule: { everyMs: 600_000 }, payload: { kind: 'systemEvent', text: 't' } });
    await harness.time.advance(0);
    const restarted = await harness.restart(240_000);
    expect(restarted.scheduler.get(job.id)?.state.nextRunAtMs).toBe(NOW + 600_000);
    await restarted.time.advance(360_000);
    expect(restarted.repository.runs(job.id, 10).map((run) => run.runAtMs)).toEqual([NOW, NOW + 600_000]);
  });

  it('records a run the previous process did not finish as an error', async () => {
    const harness = cronHarness({ now: NOW });
    harness.scheduler.start();
    harness.turns.gate = new Promise(() => {});
    const job = await addJob(harness, { schedule: { everyMs: 3_600_000 }, payload: { kind: 'agentTurn', message: 'm' } });
    await harness.time.advance(0);
    const restarted = await harness.restart(1_000);
    expect(restarted.repository.runs(job.id, 10)).toMatchObject([{ status: 'error', error: 'the gateway stopped during this run', runAtMs: NOW }]);
    expect(restarted.scheduler.get(job.id)?.state.runningAtMs).toBeUndefined();
  });
});
