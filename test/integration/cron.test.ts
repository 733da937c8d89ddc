import { afterEach, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

function configFor(provider: ModelProviderServer): string {
  return JSON.stringify({
    models: {
      providers: {
        mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] },
      },
    },
    agents: { defaults: { model: 'mock/mock-model' } },
  });
}

const cronEvent = (jobId: string, action: string) => (frame: Frame) => frame.type === 'event' && frame.event === 'cron' && frame.payload?.jobId === jobId && frame.payload?.action === action;

describe('scheduled jobs against a real gateway', () => {
  let provider: ModelProviderServer | undefined;
  const gateways: GatewayProcess[] = [];
  const clients: RawClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const gateway of gateways.splice(0).reverse()) await gateway.stop();
    await provider?.close();
    provider = undefined;
  });

  async function connect(gateway: GatewayProcess): Promise<RawClient> {
    const { client } = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] });
    clients.push(client);
    return client;
  }

  it('runs an agent job two seconds after it is added: events, its own transcript and a summary in main', async () => {
    provider = await ModelProviderServer.start();
    provider.setDefault({ text: ['You have ', '2 new mails.'] });
    const gateway = await startGateway({ config: configFor(provider) });
    gateways.push(gateway);
    const client = await connect(gateway);
    try {
      const job = await client.call('cron.add', {
        name: 'inbox',
        schedule: { kind: 'at', at: new Date(Date.now() + 2_000).toISOString() },
        sessionTarget: 'isolated',
        wakeMode: 'next-heartbeat',
        deleteAfterRun: false,
        payload: { kind: 'agentTurn', message: 'Summarise my inbox' },
      });
      expect(job.schedule).toMatchObject({ kind: 'at', atMs: expect.any(Number), at: expect.any(String) });
      await client.next(cronEvent(job.id, 'started'), 8_000, 'cron started');
      const finished = await client.next(cronEvent(job.id, 'finished'), 15_000, 'cron finished');
      expect(finished.payload).toMatchObject({ status: 'ok', summary: 'You have 2 new mails.', sessionKey: `agent:main:cron:${job.id}`, durationMs: expect.any(Number) });

      const history = await client.call('chat.history', { sessionKey: `agent:main:cron:${job.id}` });
      expect(JSON.stringify(history.messages)).toContain('Summarise my inbox');
      expect(JSON.stringify(history.messages)).toContain('You have 2 new mails.');
      const runs = await client.call('cron.runs', { id: job.id });
      expect(runs.entries).toMatchObject([{ jobId: job.id, action: 'finished', status: 'ok', deliveryStatus: 'not-requested' }]);

      // The next turn of the main session reads the summary the run posted there.
      const before = provider.requests.length;
      await client.call('chat.send', { sessionKey: 'main', message: 'Anything new?', idempotencyKey: 'after-cron' });
      await provider.waitForRequests(before + 1);
      expect(JSON.stringify(provider.requests.at(-1)?.body)).toContain('Cron \\"inbox\\": You have 2 new mails.');
      const status = await client.call('status');
      expect(status.cron).toMatchObject({ enabled: true, jobs: 1 });

      // Each run starts a fresh session under the same key: the second run does not see the first.
      const firstSession = history.sessionId;
      // nextNew: the first run's `finished` is already among the frames received.
      const secondFinished = client.nextNew(cronEvent(job.id, 'finished'), 15_000, 'second run finished');
      await client.call('cron.run', { id: job.id, mode: 'force' });
      await secondFinished;
      const second = await client.call('chat.history', { sessionKey: `agent:main:cron:${job.id}` });
      expect(second.sessionId).not.toBe(firstSession);
      expect(JSON.stringify(second.messages).split('Summarise my inbox').length - 1).toBe(1);
    } finally {
      removeStateDir(gateway.stateDir);
    }
  });

  it('records the slots it does not run as skipped, with the reason, shown by cron.runs only when asked for', async () => {
    provider = await ModelProviderServer.start();
    // Each reply takes about three seconds: a job every second overlaps its own run.
    provider.setDefault({ text: ['Still ', 'working ', 'on it.'], chunkDelayMs: 1_500 });
    const gateway = await startGateway({ config: configFor(provider) });
    gateways.push(gateway);
    const client = await connect(gateway);
    try {
      const slow = await client.call('cron.add', { name: 'slow', schedule: { kind: 'every', everyMs: 1_000 }, payload: { kind: 'agentTurn', message: 'Work' } });
      const skippedEvent = await client.next((frame) => cronEvent(slow.id, 'finished')(frame) && frame.payload?.status === 'skipped', 20_000, 'an overlapped slot');
      expect(skippedEvent.payload).toMatchObject({ status: 'skipped', error: 'the previous run of this job was still going', runAtMs: expect.any(Number) });
      const ran = await client.next((frame) => cronEvent(slow.id, 'finished')(frame) && frame.payload?.status === 'ok', 20_000, 'the run that overlapped');
      await client.call('cron.remove', { id: slow.id });
      const shown = (await client.call('cron.runs', { id: slow.id })).entries;
      expect(shown.length).toBeGreaterThanOrEqual(1);
      expect(shown.every((entry: Frame) => entry.status === 'ok')).toBe(true);
      const all = (await client.call('cron.runs', { id: slow.id, includeSkipped: true })).entries;
      const skipped = all.filter((entry: Frame) => entry.status === 'skipped');
      expect(skipped.length).toBeGreaterThanOrEqual(1);
      expect(skipped[0]).toMatchObject({ jobId: slow.id, action: 'finished', error: 'the previous run of this job was still going' });
      expect(skipped.every((entry: Frame) => entry.runAtMs > ran.payload.runAtMs)).toBe(true);

      // A job whose agent is not in the config never starts: each slot is a skip with the reason.
      const orphan = await client.call('cron.add', { name: 'orphan', agentId: 'ghost', schedule: { kind: 'every', everyMs: 1_000 }, payload: { kind: 'systemEvent', text: 'stretch' } });
      await client.next((frame) => cronEvent(orphan.id, 'finished')(frame) && frame.payload?.status === 'skipped', 10_000, 'the orphan skipped');
      expect((await client.call('cron.runs', { id: orphan.id })).entries).toEqual([]);
      const [first] = (await client.call('cron.runs', { id: orphan.id, statuses: ['skipped'] })).entries;
      expect(first).toMatchObject({ status: 'skipped', error: expect.stringMatching(/agent "ghost" is not configured/) });
      const listed = (await client.call('cron.list', { includeDisabled: true })).jobs.find((job: Frame) => job.id === orphan.id);
      expect(listed).toMatchObject({ enabled: true, state: { lastStatus: 'skipped', consecutiveSkipped: expect.any(Number) } });
      expect(listed.state.consecutiveErrors).toBeUndefined();
    } finally {
      removeStateDir(gateway.stateDir);
    }
  });

  it('after a SIGKILL across due slots, records them as missed and catches up once', async () => {
    const gateway = await startGateway({});
    gateways.push(gateway);
    const client = await connect(gateway);
    try {
      const job = await client.call('cron.add', { name: 'tick', schedule: { kind: 'every', everyMs: 2_000 }, payload: { kind: 'systemEvent', text: 'tick' } });
      await client.next(cronEvent(job.id, 'finished'), 8_000, 'first run');
      await gateway.kill9();
      gateways.pop();
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      const restartedAt = Date.now();
      const restarted = await startGateway({ stateDir: gateway.stateDir });
      gateways.push(restarted);
      const after = await connect(restarted);
      let entries: Frame[] = [];
      for (let attempt = 0; attempt < 50; attempt += 1) {
        entries = (await after.call('cron.runs', { id: job.id })).entries;
        if (entries.some((entry) => entry.status === 'ok' && entry.runAtMs >= restartedAt)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const missed = entries.filter((entry) => entry.status === 'missed');
      expect(missed.length).toBeGreaterThanOrEqual(2);
      expect(missed[0]?.summary).toMatch(/missed while the gateway was down/);
      expect(entries.filter((entry) => entry.status === 'ok' && entry.runAtMs >= restartedAt).length).toBeGreaterThanOrEqual(1);
      const [listed] = (await after.call('cron.list', {})).jobs;
      expect(listed.schedule.anchorMs).toBe(job.schedule.anchorMs);
    } finally {
      removeStateDir(gateway.stateDir);
    }
  });
});
