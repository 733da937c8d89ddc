import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, visibleText, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

// Replies leave the gateway for a chat: `deliver: true` on chat.send and agent, cron announce and
// heartbeat alerts, through a real gateway, the fake Bot API and the scripted model server.

const ALICE = { id: 4242, first_name: 'Alice', username: 'alice' };
const OPS_CHAT = 777_001;

function configFor(provider: ModelProviderServer, telegram: FakeTelegramBotApi, workspace: string): string {
  return JSON.stringify({
    models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
    // No recurring tick: the test runs heartbeats with `wake now`. Target "last" is the default.
    agents: { defaults: { model: 'mock/mock-model', workspace, heartbeat: { every: '0m' } } },
    channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, dmPolicy: 'open', allowFrom: ['*'] } },
  });
}

const textsTo = (telegram: FakeTelegramBotApi, chatId: number) =>
  telegram.sent('sendMessage', chatId).map((call) => (call.payload.parse_mode === 'HTML' ? visibleText(String(call.payload.text)) : String(call.payload.text)));
const toChat = (chatId: number, contains: string) => (call: RecordedCall) =>
  call.method === 'sendMessage' && String(call.payload.chat_id) === String(chatId) && String(call.payload.text).includes(contains);
const runFrames = (client: RawClient, runId: string, event: string): Frame[] => client.events(event).filter((frame) => frame.payload.runId === runId);

describe('delivery to chat channels', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let client: RawClient;
  let workspace: string;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    workspace = mkdtempSync(join(tmpdir(), 'gatehouse-delivery-'));
    writeFileSync(join(workspace, 'HEARTBEAT.md'), '# Heartbeat\n\n- [ ] tell me if the build is red\n');
    gateway = await startGateway({ config: configFor(provider, telegram, workspace) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'delivery-test', mode: 'ui' } })).client;
    const deadline = Date.now() + 10_000;
    while ((await client.call('channels.status', {})).channelAccounts.telegram[0]?.connected !== true) {
      if (Date.now() > deadline) throw new Error('the Telegram account never connected');
      await sleep(100);
    }
    // Alice writes first: her chat becomes the main session's "last" route.
    provider.enqueue({ text: ['Hi Alice'] });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'hello bot' });
    await telegram.waitForCall(toChat(ALICE.id, 'Hi Alice'));
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await telegram.close();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('status.channelSummary shows each account', async () => {
    const status = await client.call('status', {});
    expect(status.channelSummary).toEqual(['Telegram default: connected']);
  });

  it('chat.send deliver:true answers at once, then the reply arrives in the last chat', async () => {
    provider.enqueue({ text: ['Your report: ', 'all green'] });
    const started = await client.call('chat.send', { sessionKey: 'main', message: 'report please', idempotencyKey: 'deliver-chat-1', deliver: true });
    expect(started).toEqual({ runId: 'deliver-chat-1', status: 'started' });
    await telegram.waitForCall(toChat(ALICE.id, 'all green'));
    expect(textsTo(telegram, ALICE.id)).toContain('Your report: all green');
    const delivery = await client.next((frame) => frame.type === 'event' && frame.event === 'agent' && frame.payload.runId === 'deliver-chat-1' && frame.payload.stream === 'delivery');
    expect(delivery.payload.data).toMatchObject({ status: 'delivered', channel: 'telegram', accountId: 'default', to: String(ALICE.id) });
    const seqs = runFrames(client, 'deliver-chat-1', 'agent').map((frame) => frame.payload.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
  });

  it('agent deliver:true with an explicit channel and to posts there and reports it in the final response', async () => {
    provider.enqueue({ text: ['Deploy finished.'] });
    client.send({ type: 'req', id: 'ag1', method: 'agent', params: { message: 'deploy status?', idempotencyKey: 'deliver-agent-1', deliver: true, channel: 'telegram', to: String(OPS_CHAT) } });
    const ack = await client.response('ag1');
    expect(ack.payload).toMatchObject({ status: 'accepted' });
    const final = await client.next((frame) => frame.type === 'res' && frame.id === 'ag1' && frame !== ack, 10_000);
    expect(final.payload).toMatchObject({
      status: 'ok',
      result: { payloads: [{ text: 'Deploy finished.' }], deliveryStatus: 'delivered', delivery: { channel: 'telegram', accountId: 'default', to: String(OPS_CHAT) } },
    });
    expect(textsTo(telegram, OPS_CHAT)).toEqual(['Deploy finished.']);
  });

  it('agent deliver:true refuses a target it cannot reach before running; bestEffortDeliver runs and reports the failure', async () => {
    const modelCalls = provider.requests.length;
    const refused = await client.request('agent', { message: 'x', idempotencyKey: 'deliver-agent-bad', deliver: true, channel: 'telegram', to: 'not a chat' });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(/invalid "to" for telegram/) });
    const unknown = await client.request('agent', { message: 'x', idempotencyKey: 'deliver-agent-ghost', deliver: true, channel: 'carrier-pigeon', to: '1' });
    expect(unknown.error.message).toMatch(/unknown channel: carrier-pigeon/);
    expect(provider.requests.length).toBe(modelCalls);

    provider.enqueue({ text: ['best effort reply'] });
    client.send({ type: 'req', id: 'ag2', method: 'agent', params: { message: 'try', idempotencyKey: 'deliver-agent-2', deliver: true, bestEffortDeliver: true, channel: 'telegram', to: 'not a chat' } });
    const ack = await client.response('ag2');
    const final = await client.next((frame) => frame.type === 'res' && frame.id === 'ag2' && frame !== ack, 10_000);
    expect(final.payload).toMatchObject({ status: 'ok', result: { deliveryStatus: 'not-delivered', deliveryError: expect.stringMatching(/invalid "to"/) } });
  });

  it('a cron job with delivery announce posts its result to the last chat and records it', async () => {
    const job = await client.call('cron.add', {
      name: 'morning summary',
      schedule: { kind: 'every', everyMs: 3_600_000 },
      sessionTarget: 'isolated',
      payload: { kind: 'agentTurn', message: 'summarise my inbox' },
      delivery: { mode: 'announce' },
    });
    provider.enqueue({ text: ['You have 3 new mails.'] });
    const finished = client.nextNew((frame) => frame.type === 'event' && frame.event === 'cron' && frame.payload.jobId === job.id && frame.payload.action === 'finished', 15_000);
    await client.call('cron.run', { id: job.id, mode: 'force' });
    expect((await finished).payload).toMatchObject({ status: 'ok', deliveryStatus: 'delivered' });
    expect(textsTo(telegram, ALICE.id)).toContain('You have 3 new mails.');
    const runs = await client.call('cron.runs', { id: job.id });
    expect(runs.entries.at(-1)).toMatchObject({ status: 'ok', deliveryStatus: 'delivered' });
    await client.call('cron.remove', { id: job.id });
  });

  it('a heartbeat alert goes to the last chat; an acknowledgement never shows, not even while it streams', async () => {
    provider.enqueue({ text: ['The build ', 'is red!'] });
    const alert = client.nextNew((frame) => frame.type === 'event' && frame.event === 'heartbeat', 15_000);
    await client.call('wake', { mode: 'now', text: 'check the build' });
    expect((await alert).payload).toMatchObject({ status: 'sent', channel: 'telegram', to: String(ALICE.id), indicatorType: 'alert' });
    await telegram.waitForCall(toChat(ALICE.id, 'The build is red!'));

    const framesBefore = client.frames.length;
    const sentBefore = telegram.sent('sendMessage').length;
    provider.enqueue({ text: ['HEART', 'BEAT', '_OK'] });
    const ack = client.nextNew((frame) => frame.type === 'event' && frame.event === 'heartbeat', 15_000);
    await client.call('wake', { mode: 'now', text: 'anything?' });
    expect((await ack).payload).toMatchObject({ status: 'ok-token' });
    // An alert that ends with the token: the token is held back while it streams and stripped at the end.
    provider.enqueue({ text: ['Disk almost full, ', 'please clean up the downloads folder before tonight. HEARTBEAT', '_OK'] });
    const third = client.nextNew((frame) => frame.type === 'event' && frame.event === 'heartbeat', 15_000);
    await client.call('wake', { mode: 'now', text: 'and now?' });
    await third;
    await sleep(200);
    const streamed = client.frames.slice(framesBefore).filter((frame) => frame.type === 'event' && (frame.event === 'agent' || frame.event === 'chat'));
    expect(streamed.some((frame) => frame.event === 'chat' && frame.payload.state === 'delta')).toBe(true);
    for (const frame of streamed) expect(JSON.stringify(frame)).not.toMatch(/HEART|BEAT_|_OK/);
    const sentSince = telegram.sent('sendMessage').slice(sentBefore).map((call) => String(call.payload.text));
    for (const text of sentSince) expect(text).not.toContain('HEARTBEAT');
  });

  it('a new last chat survives a crash (SIGKILL) once its reply is out', async () => {
    const BOB = { id: 5151, first_name: 'Bob', username: 'bob' };
    provider.enqueue({ text: ['Hi Bob'] });
    telegram.inject({ chat: { id: BOB.id, type: 'private' }, from: BOB, text: 'hello from Bob' });
    await telegram.waitForCall(toChat(BOB.id, 'Hi Bob'));
    // Let the message be marked done: a pending one would be handled again and record the route anew.
    await sleep(300);
    client.close();
    await gateway.kill9();
    gateway = await startGateway({ config: configFor(provider, telegram, workspace), stateDir: gateway.stateDir });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'delivery-test', mode: 'ui' } })).client;
    provider.enqueue({ text: ['after the crash'] });
    await client.call('chat.send', { sessionKey: 'main', message: 'still there?', idempotencyKey: 'deliver-after-crash', deliver: true });
    await telegram.waitForCall(toChat(BOB.id, 'after the crash'));
    expect(textsTo(telegram, ALICE.id)).not.toContain('after the crash');
  });
});

describe('delivery without a chat channel', () => {
  let provider: ModelProviderServer;
  let gateway: GatewayProcess;
  let client: RawClient;

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    gateway = await startGateway({
      config: JSON.stringify({
        models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
        agents: { defaults: { model: 'mock/mock-model' } },
      }),
    });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'delivery-test', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('refuses deliver:true before running, naming how to add a channel', async () => {
    for (const [method, params] of [
      ['agent', { message: 'hi', idempotencyKey: 'no-channel-1', deliver: true }],
      ['chat.send', { sessionKey: 'main', message: 'hi', idempotencyKey: 'no-channel-2', deliver: true }],
    ] as const) {
      const response = await client.request(method, params);
      expect(response.ok).toBe(false);
      expect(response.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/no chat channel is configured.*channels\.telegram/) });
    }
    expect(provider.requests).toHaveLength(0);
    expect((await client.call('status', {})).channelSummary).toEqual([]);
  });
});
