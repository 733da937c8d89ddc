import { describe, expect, it } from 'vitest';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { cronHarness, type CronHarness } from './cron-harness.js';

const NOW = Date.parse('2024-06-03T06:00:00Z');
const MINUTE = 60_000;
const report = { name: 'daily report', schedule: { everyMs: MINUTE }, payload: { kind: 'agentTurn', message: 'run report' } };

async function failingJob(settings: Partial<CronHarness['settings']> | undefined, body: object = {}) {
  const harness = cronHarness({ now: NOW, settings });
  harness.scheduler.start();
  harness.turns.outcome = { status: 'error', message: 'wrong model id' };
  const job = (await harness.call('cron.add', { ...report, ...body })) as CronJobView;
  const run = () => harness.call('cron.run', { id: job.id, mode: 'force' }).then(() => harness.time.advance(0));
  const alerts = () => harness.deliveries.requests.filter((request) => request.text.startsWith('Cron job'));
  return { harness, job, run, alerts };
}

describe('failure alerts (cron.failureAlert)', () => {
  it('alert after the configured failures in a row, to the job\'s chat, then wait out the cooldown', async () => {
    const { harness, job, run, alerts } = await failingJob(
      { failureAlert: { enabled: true, after: 2, cooldownMs: MINUTE } },
      { delivery: { mode: 'announce', channel: 'telegram', to: '19098680' } },
    );
    await run();
    expect(alerts()).toEqual([]);
    await run();
    expect(alerts()).toEqual([{ sessionKey: 'agent:main:main', channel: 'telegram', to: '19098680', text: 'Cron job "daily report" failed 2 times: wrong model id.' }]);
    expect(harness.scheduler.get(job.id)?.state.lastFailureAlertAtMs).toBe(harness.time.now);
    await run();
    expect(alerts()).toHaveLength(1);
    await harness.time.advance(MINUTE);
    await run();
    expect(alerts().map((alert) => alert.text)).toEqual([
      'Cron job "daily report" failed 2 times: wrong model id.',
      'Cron job "daily report" failed 4 times: wrong model id.',
    ]);
    const listed = (await harness.call('cron.list', {})) as { jobs: CronJobView[] };
    expect(listed.jobs[0]?.state.lastFailureAlertAtMs).toBe(harness.time.now);
  });

  it('a job\'s own failureAlert turns alerts on when the config does not, and false turns them off', async () => {
    const own = await failingJob(undefined, { failureAlert: { after: 1, channel: 'telegram', to: '12345' } });
    await own.run();
    expect(own.alerts()).toMatchObject([{ channel: 'telegram', to: '12345' }]);
    const off = await failingJob({ failureAlert: { enabled: true, after: 1 } }, { failureAlert: false });
    await off.run();
    await off.run();
    expect(off.alerts()).toEqual([]);
    expect(((await off.harness.call('cron.list', {})) as { jobs: CronJobView[] }).jobs[0]?.failureAlert).toBe(false);
    // null drops the override: the config's alerts apply again.
    await off.harness.call('cron.update', { id: off.job.id, patch: { failureAlert: null } });
    await off.run();
    expect(off.alerts()).toHaveLength(1);
  });

  it('no alerts unless configured, none for best-effort delivery, and none on success', async () => {
    const quiet = await failingJob(undefined);
    await quiet.run();
    await quiet.run();
    expect(quiet.alerts()).toEqual([]);
    const bestEffort = await failingJob({ failureAlert: { enabled: true, after: 1 } }, { delivery: { mode: 'announce', bestEffort: true } });
    await bestEffort.run();
    expect(bestEffort.alerts()).toEqual([]);
    const healthy = await failingJob({ failureAlert: { enabled: true, after: 1 } });
    healthy.harness.turns.outcome = { status: 'ok', text: 'fine' };
    await healthy.run();
    expect(healthy.alerts()).toEqual([]);
  });

  it('an alert no chat can take goes to the main session instead, and a webhook alert says why in the log', async () => {
    const { harness, run } = await failingJob({ failureAlert: { enabled: true, after: 1 } });
    harness.deliveries.failWith = 'no channel is configured';
    await run();
    const posted = harness.systemEvents.queued().filter((event) => event.text.startsWith('Cron job'));
    expect(posted).toMatchObject([{ sessionKey: 'agent:main:main', text: 'Cron job "daily report" failed 1 times: wrong model id.' }]);
    const webhook = await failingJob({ failureAlert: { enabled: true, after: 1, mode: 'webhook' } });
    await webhook.run();
    expect(webhook.alerts()).toEqual([]);
    expect(webhook.harness.systemEvents.queued().filter((event) => event.text.startsWith('Cron job'))).toHaveLength(1);
  });

  it('keeps the cooldown across a restart', async () => {
    const { harness, job, alerts } = await failingJob({ failureAlert: { enabled: true, after: 1, cooldownMs: 10 * MINUTE } });
    await harness.call('cron.run', { id: job.id, mode: 'force' });
    await harness.time.advance(0);
    expect(alerts()).toHaveLength(1);
    const restarted = await harness.restart(MINUTE);
    restarted.turns.outcome = { status: 'error', message: 'still wrong' };
    await restarted.call('cron.run', { id: job.id, mode: 'force' });
    await restarted.time.advance(0);
    expect(restarted.deliveries.requests.filter((request) => request.text.startsWith('Cron job'))).toEqual([]);
    await restarted.time.advance(10 * MINUTE);
    await restarted.call('cron.run', { id: job.id, mode: 'force' });
    await restarted.time.advance(0);
    expect(restarted.deliveries.requests.filter((request) => request.text.startsWith('Cron job')).map((request) => request.text)).toContainEqual(expect.stringMatching(/failed \d+ times: still wrong/));
  });

  it('refuses an unknown alert mode, naming the field', async () => {
    const harness = cronHarness({ now: NOW });
    await expect(harness.call('cron.add', { ...report, failureAlert: { mode: 'pager' } })).rejects.toMatchObject({ details: { field: 'failureAlert.mode' } });
  });
});
