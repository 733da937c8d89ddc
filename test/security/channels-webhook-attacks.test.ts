import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, freeLoopbackPort } from '../fixtures/telegram-bot-api/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// The webhook route is the one channel surface reachable without a gateway token: anyone who can
// reach the port can post to it. Only Telegram knows the secret; everything else must be refused
// before it reaches the inbox, and nothing may crash or hang the gateway.

const SECRET = 'the-real-secret_42';

describe('Telegram webhook attacks', () => {
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let admin: RawClient;
  let url: string;

  const forged = (chatId: number) => ({
    update_id: telegram.takeUpdateId(),
    message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private', first_name: 'Mallory' }, from: { id: chatId, is_bot: false, first_name: 'Mallory' }, text: 'forged' },
  });
  const post = (body: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    telegram = await FakeTelegramBotApi.start();
    const port = await freeLoopbackPort();
    url = `http://127.0.0.1:${port}/telegram-webhook`;
    gateway = await startGateway({ port, config: JSON.stringify({ channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, webhookUrl: url, webhookSecret: SECRET } } }) });
    admin = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] })).client;
    for (let waited = 0; ; waited += 100) {
      if ((await admin.call('channels.status', {})).channelAccounts.telegram[0].connected === true) break;
      if (waited > 10_000) throw new Error('webhook account never connected');
      await sleep(100);
    }
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    await telegram.close();
    removeStateDir(gateway.stateDir);
  });

  it.each([
    ['no secret header', {}],
    ['a wrong secret', { 'x-telegram-bot-api-secret-token': 'guess' }],
    ['the secret with a suffix', { 'x-telegram-bot-api-secret-token': `${SECRET}x` }],
    ['the gateway token instead', { authorization: 'Bearer test-gateway-token-0123456789abcdef' }],
  ])('refuses an update with %s (401) and handles nothing', async (_what, headers) => {
    const response = await post(JSON.stringify(forged(9001)), headers);
    expect(response.status).toBe(401);
    await sleep(200);
    expect(telegram.sent('sendMessage', 9001)).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"update_id": 1, ', 400],
    ['an object without update_id', '{"message": {"text": "hi"}}', 400],
    ['a non-integer update_id', '{"update_id": "1; DROP TABLE channel_inbox"}', 400],
    ['an array', '[1, 2, 3]', 400],
    ['an oversized body', JSON.stringify({ update_id: 5, padding: 'x'.repeat(2 * 1024 * 1024) }), 413],
  ])('refuses %s with the secret and stays up', async (_what, body, status) => {
    const response = await post(body, { 'x-telegram-bot-api-secret-token': SECRET });
    expect(response.status).toBe(status);
    expect((await admin.call('channels.status', {})).channelAccounts.telegram[0].connected).toBe(true);
  });

  it('answers other methods 405 and a path no account receives on 503 (so Telegram would retry)', async () => {
    expect((await fetch(url)).status).toBe(405);
    const elsewhere = await fetch(`${url}/no-such-account`, { method: 'POST', headers: { 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(forged(9002)) });
    expect(elsewhere.status).toBe(503);
  });

  it('accepts the real secret: an unknown sender gets a pairing code, not the agent', async () => {
    const response = await post(JSON.stringify(forged(9003)), { 'x-telegram-bot-api-secret-token': SECRET });
    expect(response.status).toBe(200);
    const reply = await telegram.waitForCall((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === '9003');
    expect(String(reply.payload.text)).toContain('pairing code');
  });
});

describe('channels.telegram.webhookPath attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let telegram: FakeTelegramBotApi;

  beforeAll(async () => {
    telegram = await FakeTelegramBotApi.start();
    gateway = await startGateway({ config: JSON.stringify({ channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot } } }) });
    admin = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    await telegram.close();
    removeStateDir(gateway.stateDir);
  });

  // A receiving path that climbs out, doubles a slash, takes a query or shadows the root is a
  // config error, never a route on the gateway's port.
  it.each([
    ['a parent segment', '/../rpc'],
    ['a scheme-relative URL', '//evil.example.com/x'],
    ['segments climbing out', '/hooks/../../etc'],
    ['the root', '/'],
    ['a query', '/hook?x=1'],
    ['a relative path', 'relative/path'],
    ['percent-encoded dots', '/%2e%2e/rpc'],
    ['5,000 characters', `/${'a'.repeat(5_000)}`],
  ])('refuses a webhookPath with %s in config.patch and keeps the config', async (_what, webhookPath) => {
    const { hash } = await admin.call('config.get', {});
    const response = await admin.request('config.patch', { raw: JSON.stringify({ channels: { telegram: { webhookUrl: 'https://bot.example.com/tg', webhookSecret: SECRET, webhookPath } } }), baseHash: hash });
    expect(response.ok).toBe(false);
    expect(response.error?.code).toBe('INVALID_REQUEST');
    expect(JSON.stringify(response.error)).toMatch(/webhookPath/);
    expect((await admin.call('config.get', {})).hash).toBe(hash);
  });

  it('a read-only client cannot set it', async () => {
    const reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    try {
      const { hash } = await admin.call('config.get', {});
      const response = await reader.request('config.patch', { raw: JSON.stringify({ channels: { telegram: { webhookPath: '/hooks/mine' } } }), baseHash: hash });
      expect(response.ok).toBe(false);
      expect((await admin.call('config.get', {})).hash).toBe(hash);
    } finally {
      reader.close();
    }
  });
});
