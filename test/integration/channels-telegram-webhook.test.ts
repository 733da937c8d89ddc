import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, freeLoopbackPort, visibleText, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const ALICE = { id: 4343, first_name: 'Alice', username: 'alice' };
const SECRET = 'webhook-secret_0123456789';

const textsTo = (telegram: FakeTelegramBotApi, chatId: number) =>
  telegram.sent('sendMessage', chatId).map((call) => (call.payload.parse_mode === 'HTML' ? visibleText(String(call.payload.text)) : String(call.payload.text)));
const toChat = (chatId: number, contains?: string) => (call: RecordedCall) =>
  call.method === 'sendMessage' && String(call.payload.chat_id) === String(chatId) && (contains === undefined || String(call.payload.text).includes(contains));

/** The user message of each model call, in the order the model got them. */
function userMessages(provider: ModelProviderServer): string[] {
  return provider.requests.flatMap((request) => {
    const messages = (request.body as { messages?: { role: string; content: unknown }[] } | undefined)?.messages ?? [];
    const last = messages.filter((message) => message.role === 'user').at(-1);
    if (!last) return [];
    return [typeof last.content === 'string' ? last.content : JSON.stringify(last.content)];
  });
}

describe('Telegram webhook mode', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let client: RawClient;
  let port: number;

  const start = async (stateDir?: string) => {
    const webhookUrl = `http://127.0.0.1:${port}/telegram-webhook`;
    gateway = await startGateway({
      port,
      ...(stateDir ? { stateDir } : {}),
      config: JSON.stringify({
        models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
        agents: { defaults: { model: 'mock/mock-model' } },
        channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, webhookUrl, webhookSecret: SECRET } },
      }),
    });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'webhook-test', mode: 'ui' } })).client;
    for (let waited = 0; ; waited += 100) {
      const status = await client.call('channels.status', {});
      const account = status.channelAccounts.telegram[0];
      if (account.connected === true) return account;
      if (waited > 10_000) throw new Error(`never connected: ${JSON.stringify(account)}`);
      await sleep(100);
    }
  };

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    port = await freeLoopbackPort();
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await telegram.close();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('sets its webhook with the secret, pairs a sender over it, and answers in order per chat', async () => {
    const account = await start();
    expect(account).toMatchObject({ mode: 'webhook', healthState: 'connected' });
    expect(telegram.webhookInfo()).toEqual({ url: `http://127.0.0.1:${port}/telegram-webhook`, secret: SECRET });
    expect(telegram.sent('setWebhook')[0]?.payload).toMatchObject({ secret_token: SECRET, drop_pending_updates: false });

    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'hi' });
    const codeMessage = await telegram.waitForCall(toChat(ALICE.id, 'pairing code'));
    const code = /pairing code: ([A-Z2-9]{8})/.exec(String(codeMessage.payload.text))![1]!;
    const resolvedEvent = client.event('channels.pairing.resolved');
    await client.call('channels.pairing.approve', { channel: 'telegram', accountId: 'default', requestId: code, notify: false });
    expect((await resolvedEvent).payload).toMatchObject({ requestId: code, channel: 'telegram', accountId: 'default', senderId: String(ALICE.id), decision: 'approved', resolvedBy: 'webhook-test' });

    provider.enqueue({ text: ['answer one'] }, { text: ['answer two'] }, { text: ['answer three'] });
    for (const text of ['first', 'second', 'third']) telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text });
    await telegram.waitForCall(toChat(ALICE.id, 'answer three'));
    expect(userMessages(provider).slice(-3).map((message) => /first|second|third/.exec(message)?.[0])).toEqual(['first', 'second', 'third']);
    expect(textsTo(telegram, ALICE.id).filter((text) => text.startsWith('answer'))).toEqual(['answer one', 'answer two', 'answer three']);
    // Every update was answered 2xx at the first attempt: no retries from Telegram's side.
    expect(telegram.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
    expect(telegram.sent('getUpdates')).toEqual([]);
  });

  it('handles an update Telegram posts twice only once', async () => {
    provider.setDefault({ text: ['once'] });
    const update = { update_id: telegram.takeUpdateId(), message: { message_id: 9001, date: Math.floor(Date.now() / 1000), chat: { id: ALICE.id, type: 'private', first_name: 'Alice' }, from: { ...ALICE, is_bot: false }, text: 'say it once' } };
    const post = () =>
      fetch(`http://127.0.0.1:${port}/telegram-webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
    const before = provider.requests.length;
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    await telegram.waitForCall(toChat(ALICE.id, 'once'));
    await sleep(500);
    expect(provider.requests.length - before).toBe(1);
    expect(textsTo(telegram, ALICE.id).filter((text) => text === 'once')).toHaveLength(1);
  });

  it('loses and repeats nothing across a restart', async () => {
    provider.setDefault({ text: ['noted'] });
    const before = provider.requests.length;
    const notedBefore = textsTo(telegram, ALICE.id).filter((text) => text === 'noted').length;
    client.close();
    await gateway.stop();
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'while you were away 1' });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'while you were away 2' });
    // Telegram keeps them and retries while the gateway is down.
    await sleep(300);
    expect(telegram.unconfirmed()).toHaveLength(2);
    await start(gateway.stateDir);
    await telegram.waitForCall(() => textsTo(telegram, ALICE.id).filter((text) => text === 'noted').length >= notedBefore + 2, 15_000).catch(() => undefined);
    await sleep(1_000);
    expect(textsTo(telegram, ALICE.id).filter((text) => text === 'noted').length).toBe(notedBefore + 2);
    expect(provider.requests.length - before).toBe(2);
    expect(telegram.unconfirmed()).toEqual([]);
    expect(userMessages(provider).slice(-2).map((message) => /away \d/.exec(message)?.[0])).toEqual(['away 1', 'away 2']);
  });

  it('removes the webhook on channels.logout', async () => {
    const loggedOut = await client.call('channels.logout', { channel: 'telegram' });
    expect(loggedOut).toMatchObject({ channel: 'telegram', accountId: 'default', loggedOut: true, cleared: true, message: expect.stringContaining('webhook removed') });
    expect(telegram.webhookInfo()).toBeUndefined();
    await client.call('channels.start', { channel: 'telegram' });
    for (let waited = 0; (await client.call('channels.status', {})).channelAccounts.telegram[0].connected !== true; waited += 100) {
      if (waited > 10_000) throw new Error('never connected again');
      await sleep(100);
    }
    expect(telegram.webhookInfo()?.secret).toBe(SECRET);
  });

  it('goes back to polling (deleteWebhook first) when webhookUrl is removed', async () => {
    const { hash } = await client.call('config.get', {});
    await client.call('config.patch', { raw: JSON.stringify({ channels: { telegram: { webhookUrl: null, webhookSecret: null } } }), baseHash: hash });
    for (let waited = 0; ; waited += 100) {
      const account = (await client.call('channels.status', {})).channelAccounts.telegram[0];
      if (account.connected === true && account.mode === 'polling') break;
      if (waited > 10_000) throw new Error(`never back to polling: ${JSON.stringify(account)}`);
      await sleep(100);
    }
    expect(telegram.webhookInfo()).toBeUndefined();
    provider.setDefault({ text: ['polled answer'] });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'are you polling now?' });
    await telegram.waitForCall(toChat(ALICE.id, 'polled answer'));
  });
});
