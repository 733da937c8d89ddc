/**
 * The Scheduled window's service over a scripted gateway: answers parsed with the protocol's
 * schemas, jobs shown in their own zone, history newest first with missed runs kept, the form's
 * job sent as cron.add params, gateway refusals as messages, methods the gateway does not serve
 * never called, and `cron` / `heartbeat` events pushed to the windows.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ScheduledJobsView, ScheduleSummaryView } from '../../../shared/ipc/contract.js';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { ScheduledService } from '../../../client/scheduled/scheduled-service.js';
import { cronJobParams, scheduledJobView, scheduledRunViews } from '../../../client/scheduled/scheduled-views.js';

const ALL_METHODS = ['cron.list', 'cron.status', 'cron.add', 'cron.update', 'cron.remove', 'cron.run', 'cron.runs', 'last-heartbeat'];

function cronJob(overrides: Partial<CronJobView> = {}): CronJobView {
  return {
    id: 'job-1',
    name: 'Inbox summary',
    enabled: true,
    createdAtMs: 1_000,
    updatedAtMs: 1_000,
    schedule: { kind: 'cron', expr: '0 8 * * 1-5', tz: 'America/New_York' },
    sessionTarget: 'isolated',
    wakeMode: 'next-heartbeat',
    payload: { kind: 'agentTurn', message: 'Summarise my inbox' },
    state: { nextRunAtMs: 1_780_000_000_000 },
    ...overrides,
  };
}

interface Scripted {
  service: ScheduledService;
  calls: { method: string; params: unknown }[];
  jobs: ScheduledJobsView[];
  summaries: ScheduleSummaryView[];
  answers: Map<string, unknown>;
}

function scripted({ methods = ALL_METHODS, connected = true } = {}): Scripted {
  const calls: Scripted['calls'] = [];
  const answers = new Map<string, unknown>([
    ['cron.list', { jobs: [cronJob()] }],
    ['cron.status', { enabled: true, storePath: '/state/gatehouse.sqlite', jobs: 1, nextWakeAtMs: 1_780_000_000_000 }],
    ['last-heartbeat', null],
  ]);
  const jobs: ScheduledJobsView[] = [];
  const summaries: ScheduleSummaryView[] = [];
  const service = new ScheduledService({
    request: async (method, params) => {
      calls.push({ method, params });
      const answer = answers.get(method);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    connected: () => connected,
    methods: () => methods,
    timeZone: () => 'Europe/Berlin',
    emitJobs: (view) => jobs.push(view),
    emitSummary: (view) => summaries.push(view),
    refreshDelayMs: 5,
  });
  return { service, calls, jobs, summaries, answers };
}

describe('scheduled views', () => {
  it('show a cron job in its own zone, and at/every jobs in the companion’s, saying which', () => {
    expect(scheduledJobView(cronJob(), 'Europe/Berlin')).toMatchObject({
      timeZone: 'America/New_York',
      zoneSource: 'job',
      schedule: { kind: 'cron', expr: '0 8 * * 1-5' },
      payload: { kind: 'agentTurn', text: 'Summarise my inbox' },
      nextRunAtMs: 1_780_000_000_000,
    });
    const every = scheduledJobView(cronJob({ schedule: { kind: 'every', everyMs: 60_000, anchorMs: 5 } }), 'Europe/Berlin');
    expect(every).toMatchObject({ timeZone: 'Europe/Berlin', zoneSource: 'local', schedule: { kind: 'every', everyMs: 60_000 } });
  });

  it('carry failures and auto-disable, with the protocol-4 spelling of the last status too', () => {
    const view = scheduledJobView(
      cronJob({ enabled: false, state: { lastRunStatus: 'error', lastError: 'boom', consecutiveErrors: 10, autoDisabled: { reason: '10 failures', atMs: 9, consecutiveErrors: 10 } } }),
      'UTC',
    );
    expect(view).toMatchObject({ enabled: false, lastStatus: 'error', lastError: 'boom', consecutiveErrors: 10, autoDisabled: { reason: '10 failures', atMs: 9 } });
    expect(view).not.toHaveProperty('nextRunAtMs');
  });

  it('list runs newest first, missed slots kept as missed', () => {
    const runs = scheduledRunViews([
      { ts: 100, jobId: 'job-1', action: 'finished', status: 'missed', runAtMs: 100 },
      { ts: 200, jobId: 'job-1', action: 'finished', status: 'error', error: 'provider down', durationMs: 30 },
      { ts: 300, jobId: 'job-1', action: 'finished', status: 'ok', summary: 'done', runId: 'r3' },
      { ts: 400, jobId: 'job-1', action: 'finished' },
    ]);
    expect(runs.map((run) => run.status)).toEqual(['unknown', 'ok', 'error', 'missed']);
    expect(runs[1]).toMatchObject({ id: 'r3:2', summary: 'done' });
    expect(runs[2]).toMatchObject({ error: 'provider down', durationMs: 30 });
  });

  it('turn the form into cron.add params: zone kept, one-shot as ISO, payload by kind', () => {
    expect(cronJobParams({ name: ' Daily ', schedule: { kind: 'cron', expr: ' 0 8 * * * ', tz: 'Asia/Tokyo' }, payload: { kind: 'systemEvent', text: 'Check' } })).toEqual({
      name: 'Daily',
      schedule: { kind: 'cron', expr: '0 8 * * *', tz: 'Asia/Tokyo' },
      payload: { kind: 'systemEvent', text: 'Check' },
    });
    expect(cronJobParams({ name: 'Once', schedule: { kind: 'at', atMs: Date.UTC(2030, 0, 2, 3, 4) }, payload: { kind: 'agentTurn', text: 'Go' } })).toMatchObject({
      schedule: { kind: 'at', at: '2030-01-02T03:04:00.000Z' },
      payload: { kind: 'agentTurn', message: 'Go' },
    });
  });
});

describe('ScheduledService', () => {
  it('lists every job, disabled ones included, parsed with the protocol schema', async () => {
    const { service, calls } = scripted();
    const view = await service.list();
    expect(calls).toEqual([{ method: 'cron.list', params: { includeDisabled: true } }]);
    expect(view).toMatchObject({ state: 'ready', timeZone: 'Europe/Berlin', jobs: [{ id: 'job-1', timeZone: 'America/New_York' }] });
  });

  it('says offline or unsupported instead of calling a method that cannot answer', async () => {
    const offline = scripted({ connected: false });
    expect(await offline.service.list()).toEqual({ state: 'offline', jobs: [], timeZone: 'Europe/Berlin' });
    const old = scripted({ methods: ['health'] });
    expect(await old.service.list()).toEqual({ state: 'unsupported', jobs: [], timeZone: 'Europe/Berlin' });
    expect(await old.service.summary()).toEqual({ timeZone: 'Europe/Berlin' });
    expect(await old.service.runNow('job-1')).toEqual({ ok: false, message: expect.stringContaining('does not serve cron.run') });
    expect([...offline.calls, ...old.calls]).toEqual([]);
  });

  it('rejects an answer of the wrong shape with a sentence naming the method', async () => {
    const { service, answers } = scripted();
    answers.set('cron.list', { jobs: [{ id: 'x' }] });
    await expect(service.list()).rejects.toThrow(/cron.list answered in an unexpected shape/);
  });

  it('adds, edits, toggles, runs and removes through the cron methods', async () => {
    const { service, calls, answers } = scripted();
    answers.set('cron.add', cronJob({ id: 'job-2' }));
    answers.set('cron.update', cronJob());
    answers.set('cron.run', { ok: true, ran: true, runId: 'run-1' });
    answers.set('cron.remove', { ok: true, removed: true });
    const input = { name: 'Daily', schedule: { kind: 'every' as const, everyMs: 60_000 }, payload: { kind: 'systemEvent' as const, text: 'Tick' } };

    expect(await service.add(input)).toEqual({ ok: true, jobId: 'job-2' });
    expect(await service.update('job-2', input)).toEqual({ ok: true });
    expect(await service.setEnabled('job-2', false)).toEqual({ ok: true });
    expect(await service.runNow('job-2')).toEqual({ ok: true });
    expect(await service.remove('job-2')).toEqual({ ok: true });
    expect(calls.filter((call) => call.method !== 'cron.list' && call.method !== 'cron.status' && call.method !== 'last-heartbeat')).toEqual([
      { method: 'cron.add', params: { name: 'Daily', schedule: { kind: 'every', everyMs: 60_000 }, payload: { kind: 'systemEvent', text: 'Tick' } } },
      { method: 'cron.update', params: { id: 'job-2', patch: { name: 'Daily', schedule: { kind: 'every', everyMs: 60_000 }, payload: { kind: 'systemEvent', text: 'Tick' } } } },
      { method: 'cron.update', params: { id: 'job-2', patch: { enabled: false } } },
      { method: 'cron.run', params: { id: 'job-2', mode: 'force' } },
      { method: 'cron.remove', params: { id: 'job-2' } },
    ]);
    service.dispose();
  });

  it('answers a gateway refusal as a failed action with the gateway’s message', async () => {
    const { service, answers } = scripted();
    answers.set('cron.add', new Error('schedule.expr: invalid cron expression "61 * * * *"'));
    answers.set('cron.run', { ok: true, ran: false, reason: 'already-running' });
    const input = { name: 'Bad', schedule: { kind: 'cron' as const, expr: '61 * * * *', tz: 'UTC' }, payload: { kind: 'systemEvent' as const, text: 'x' } };
    expect(await service.add(input)).toEqual({ ok: false, message: 'schedule.expr: invalid cron expression "61 * * * *"' });
    expect(await service.runNow('job-1')).toEqual({ ok: false, message: 'The gateway did not run it (already-running).' });
  });

  it('reads the history newest first', async () => {
    const { service, calls, answers } = scripted();
    answers.set('cron.runs', {
      entries: [
        { ts: 1, jobId: 'job-1', action: 'finished', status: 'missed' },
        { ts: 2, jobId: 'job-1', action: 'finished', status: 'ok' },
      ],
    });
    expect((await service.runs('job-1')).map((run) => run.status)).toEqual(['ok', 'missed']);
    expect(calls).toEqual([{ method: 'cron.runs', params: { id: 'job-1', limit: 200 } }]);
  });

  it('gives the panel the next wake and the last heartbeat, leaving out a part that fails', async () => {
    const { service, answers } = scripted();
    expect(await service.summary()).toEqual({
      timeZone: 'Europe/Berlin',
      cron: { enabled: true, jobs: 1, nextWakeAtMs: 1_780_000_000_000 },
      heartbeat: null,
    });
    answers.set('cron.status', new Error('boom'));
    answers.set('last-heartbeat', { ts: 5, status: 'ok-token', preview: 'HEARTBEAT_OK', reason: 'interval' });
    expect(await service.summary()).toEqual({ timeZone: 'Europe/Berlin', heartbeat: { ts: 5, status: 'ok-token', preview: 'HEARTBEAT_OK', reason: 'interval' } });
  });

  it('refreshes the list once for a burst of cron events and pushes only what changed', async () => {
    vi.useFakeTimers();
    try {
      const { service, calls, jobs, summaries, answers } = scripted();
      service.onGatewayEvent('cron', { jobId: 'job-1', action: 'started', runAtMs: 5 });
      service.onGatewayEvent('cron', { jobId: 'job-1', action: 'finished', status: 'ok' });
      service.onGatewayEvent('cron', { nonsense: true });
      await vi.advanceTimersByTimeAsync(10);
      expect(calls.filter((call) => call.method === 'cron.list')).toHaveLength(1);
      expect(jobs).toHaveLength(1);
      expect(summaries).toHaveLength(1);

      // Nothing changed: nothing is pushed again.
      service.onGatewayEvent('cron', { jobId: 'job-1', action: 'updated' });
      await vi.advanceTimersByTimeAsync(10);
      expect(jobs).toHaveLength(1);

      answers.set('cron.list', { jobs: [cronJob({ enabled: false })] });
      service.onGatewayEvent('cron', { jobId: 'job-1', action: 'updated' });
      await vi.advanceTimersByTimeAsync(10);
      expect(jobs.at(-1)?.jobs[0]?.enabled).toBe(false);

      service.onGatewayEvent('heartbeat', { ts: 77, status: 'sent', preview: 'Reminder sent' });
      expect(summaries.at(-1)?.heartbeat).toEqual({ ts: 77, status: 'sent', preview: 'Reminder sent' });
      service.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
