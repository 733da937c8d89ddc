import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

// The agent wakes on its own: a real gateway with a 2 s heartbeat, the scripted model server and
// a workspace whose HEARTBEAT.md the test edits.

function configFor(provider: ModelProviderServer, workspace: string): string {
  return JSON.stringify({
    models: {
      providers: {
        mock: {
          baseUrl: provider.openAiBaseUrl,
          apiKey: 'sk-test-provider-key-123456',
          api: 'openai-completions',
          models: [{ id: 'mock-model', name: 'Mock' }],
        },
      },
    },
    agents: { defaults: { model: 'mock/mock-model', workspace, heartbeat: { every: '2s' } } },
  });
}

describe('agent heartbeats', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let client: RawClient;
  let workspace: string;
  const heartbeatFile = () => join(workspace, 'HEARTBEAT.md');

  /** The next `heartbeat` event after this call that matches. */
  function nextHeartbeat(match: (payload: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    return client.nextNew((frame) => frame.type === 'event' && frame.event === 'heartbeat' && match(frame.payload), timeoutMs, 'heartbeat event');
  }

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    provider.setDefault({ text: ['HEARTBEAT_OK'] });
    workspace = mkdtempSync(join(tmpdir(), 'gatehouse-heartbeat-'));
    writeFileSync(heartbeatFile(), '# Heartbeat\n\n- [ ]\n');
    gateway = await startGateway({ config: configFor(provider, workspace) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'heartbeat-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    client.close();
    await gateway.stop();
    await provider.close();
    removeStateDir(gateway.stateDir);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('advertises the heartbeat event and reports the schedule in status and health', async () => {
    const status = await client.call('status');
    expect(status.heartbeat).toMatchObject({ enabled: true, defaultAgentId: 'main', agents: [{ agentId: 'main', enabled: true, every: '2s', everyMs: 2_000 }] });
    const health = await client.call('health', { probe: true });
    expect(health.heartbeatSeconds).toBe(2);
    expect(health.agents[0].heartbeat).toMatchObject({ enabled: true, every: '2s', everyMs: 2_000, session: 'agent:main:main' });
    expect(health.agents[0].heartbeat.prompt).toContain('HEARTBEAT_OK');
  });

  it('skips an empty HEARTBEAT.md without calling the model', async () => {
    const skipped = await nextHeartbeat((payload) => payload.status === 'skipped');
    expect(skipped.payload).toMatchObject({ status: 'skipped', reason: 'empty-heartbeat-file' });
    expect(provider.requests).toHaveLength(0);
    expect(await client.call('last-heartbeat')).toMatchObject({ status: 'skipped', reason: 'empty-heartbeat-file' });
  });

  it('runs a turn for a non-empty HEARTBEAT.md: an alert once, then a duplicate, then the acknowledgement', async () => {
    provider.enqueue({ text: ['The build ', 'is red.'] }, { text: ['The build is red.'] });
    writeFileSync(heartbeatFile(), '- [ ] Tell me when the build is red.\n');
    const sent = await nextHeartbeat((payload) => payload.status === 'sent');
    expect(sent.payload).toMatchObject({ status: 'sent', reason: 'interval', preview: 'The build is red.', indicatorType: 'alert' });
    expect(sent.payload.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(provider.requests[0]!.body)).toContain('If nothing needs attention, reply HEARTBEAT_OK.');
    const duplicate = await nextHeartbeat((payload) => payload.status !== 'sent');
    expect(duplicate.payload).toMatchObject({ status: 'skipped', reason: 'duplicate' });
    const ok = await nextHeartbeat(() => true);
    expect(ok.payload).toMatchObject({ status: 'ok-token', silent: true });
    expect(ok.payload.preview).toBeUndefined();
    expect(await client.call('last-heartbeat')).toMatchObject({ ts: expect.any(Number), status: expect.stringMatching(/^(ok-token|skipped|sent)$/) });
  });

  it('set-heartbeats off stops the turns, and a wake is refused as disabled', async () => {
    expect(await client.call('set-heartbeats', { enabled: false })).toEqual({ ok: true, enabled: false });
    await sleep(1_000); // a heartbeat that had already started finishes
    const requests = provider.requests.length;
    const events = client.events('heartbeat').length;
    await sleep(4_500);
    expect(provider.requests.length).toBe(requests);
    expect(client.events('heartbeat').length).toBe(events);
    expect((await client.call('status')).heartbeat).toMatchObject({ enabled: false, agents: [{ agentId: 'main', enabled: false }] });

    const refused = nextHeartbeat(() => true);
    expect(await client.call('wake', { mode: 'now', text: 'Anything new?' })).toEqual({ ok: true });
    expect((await refused).payload).toMatchObject({ status: 'skipped', reason: 'disabled' });
    expect(provider.requests.length).toBe(requests);
  });

  it('wake now runs a heartbeat at once with the text in the main session, even with an empty HEARTBEAT.md', async () => {
    writeFileSync(heartbeatFile(), '');
    provider.enqueue({ text: ['Call Alex at 15:30.'] });
    expect(await client.call('set-heartbeats', { enabled: true })).toEqual({ ok: true, enabled: true });
    const sent = nextHeartbeat((payload) => payload.status === 'sent');
    expect(await client.call('wake', { mode: 'now', text: 'Remind me to call Alex' })).toEqual({ ok: true });
    expect((await sent).payload).toMatchObject({ preview: 'Call Alex at 15:30.' });
    const bodies = provider.requests.map((request) => JSON.stringify(request.body));
    // The queued "Anything new?" (woken while disabled) and this text reach the next turn.
    expect(bodies.filter((body) => body.includes('Remind me to call Alex'))).toHaveLength(1);
    expect(bodies.at(-1)).toContain('Anything new?');
    const history = await client.call('chat.history', { sessionKey: 'main' });
    expect(JSON.stringify(history)).toContain('Call Alex at 15:30.');
  });

  it('wake refuses an unknown agent', async () => {
    const response = await client.request('wake', { mode: 'now', text: 'hi', agentId: 'ghost' });
    expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown agent: ghost' });
  });
});
