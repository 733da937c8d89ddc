import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

// A run the gateway resumes after a SIGKILL keeps what its request asked for beyond the message:
// a heartbeat still hides its HEARTBEAT_OK from clients, and a `deliver` reply still goes out.

const OPS_CHAT = 777_002;

function configFor(provider: ModelProviderServer, telegram: FakeTelegramBotApi, workspace: string): string {
  return JSON.stringify({
    models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
    // No recurring tick: the test starts its heartbeat with `wake now`.
    agents: { defaults: { model: 'mock/mock-model', workspace, heartbeat: { every: '0m' } } },
    channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, dmPolicy: 'open', allowFrom: ['*'] } },
  });
}

/** Long enough that the first gateway is killed while this reply streams. */
const CUT_OFF_REPLY = { text: Array.from({ length: 40 }, (_, index) => `slow ${index} `), chunkDelayMs: 200 };

describe('a run resumed after a restart', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let workspace: string;
  const gateways: GatewayProcess[] = [];
  const clients: RawClient[] = [];

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    workspace = mkdtempSync(join(tmpdir(), 'gatehouse-resume-'));
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const gateway of gateways.splice(0)) {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    }
  });
  afterAll(async () => {
    await telegram.close();
    await provider.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  async function start(stateDir?: string): Promise<{ gateway: GatewayProcess; client: RawClient }> {
    const gateway = await startGateway(stateDir ? { stateDir } : { config: configFor(provider, telegram, workspace) });
    gateways.push(gateway);
    const { client } = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] });
    clients.push(client);
    return { gateway, client };
  }

  /** SIGKILL while the run streams, then the same state dir again. */
  async function killAndRestart(gateway: GatewayProcess): Promise<RawClient> {
    await gateway.kill9();
    gateways.splice(gateways.indexOf(gateway), 1);
    return (await start(gateway.stateDir)).client;
  }

  it('keeps hiding a heartbeat acknowledgement from clients', async () => {
    const { gateway, client } = await start();
    const requestsBefore = provider.requests.length;
    provider.enqueue(CUT_OFF_REPLY);
    expect(await client.call('wake', { mode: 'now', text: 'Anything new?' })).toEqual({ ok: true });
    const started = await client.next((frame) => frame.type === 'event' && frame.event === 'agent' && frame.payload.stream === 'lifecycle' && frame.payload.data.phase === 'start', 10_000);
    const runId = started.payload.runId as string;
    await provider.waitForRequests(requestsBefore + 1);

    // After the restart the model acknowledges, in two chunks far enough apart for the client to be there.
    provider.enqueue({ text: ['HEART', 'BEAT_OK'], chunkDelayMs: 1_500 });
    const again = await killAndRestart(gateway);
    const final = await again.next(
      (frame) => frame.type === 'event' && frame.event === 'chat' && frame.payload.runId === runId && frame.payload.state !== 'delta',
      20_000,
      'the resumed heartbeat run to end',
    );
    expect(final.payload.state).toBe('final');
    expect(final.payload.message?.content?.[0]?.text ?? '').toBe('');
    const runEvents = [...again.events('chat'), ...again.events('agent')].filter((frame) => frame.payload.runId === runId);
    expect(runEvents.length).toBeGreaterThan(0);
    expect(runEvents.filter((frame) => JSON.stringify(frame.payload).includes('HEART'))).toEqual([]);
    // The transcript keeps what the model said.
    const history = await again.call('chat.history', { sessionKey: 'main', limit: 100 });
    const replies = (history.messages as Frame[]).filter((message) => message.role === 'assistant').map((message) => JSON.stringify(message.content));
    expect(replies.some((text) => text.includes('HEARTBEAT_OK'))).toBe(true);
  });

  it('still delivers the reply an agent request asked to deliver', async () => {
    const { gateway, client } = await start();
    const requestsBefore = provider.requests.length;
    provider.enqueue(CUT_OFF_REPLY);
    client.send({
      type: 'req',
      id: 'deliver-1',
      method: 'agent',
      params: { message: 'deploy status?', idempotencyKey: 'resume-deliver-1', deliver: true, channel: 'telegram', to: String(OPS_CHAT) },
    });
    expect((await client.response('deliver-1', 10_000)).payload).toMatchObject({ runId: 'resume-deliver-1', status: 'accepted' });
    await provider.waitForRequests(requestsBefore + 1);

    // Two chunks far enough apart that the new client is connected when the delivery event goes out.
    provider.enqueue({ text: ['Deploy ', 'finished.'], chunkDelayMs: 1_500 });
    const again = await killAndRestart(gateway);
    const sent = (call: RecordedCall) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(OPS_CHAT);
    await telegram.waitForCall((call) => sent(call) && String(call.payload.text).includes('Deploy finished.'));
    const delivery = await again.next(
      (frame) => frame.type === 'event' && frame.event === 'agent' && frame.payload.runId === 'resume-deliver-1' && frame.payload.stream === 'delivery',
      10_000,
      'the delivery event of the resumed run',
    );
    expect(delivery.payload.data).toMatchObject({ status: 'delivered', channel: 'telegram', to: String(OPS_CHAT) });
    // Delivered once: the cut-off first attempt never finished, so it sent nothing.
    await sleep(200);
    expect(telegram.sent('sendMessage', OPS_CHAT)).toHaveLength(1);
  });
});
