import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fixtures/discord/index.js';
import { FakeTelegramBotApi } from '../fixtures/telegram-bot-api/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// A chat channel speaks for the owner to other people: a read-only client must not approve a
// stranger, post, or switch accounts on and off, and hostile params must be refused with a clear
// error before anything reaches Telegram.

describe('channel attacks', () => {
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let admin: RawClient;
  let reader: RawClient;

  beforeAll(async () => {
    telegram = await FakeTelegramBotApi.start();
    gateway = await startGateway({ config: JSON.stringify({ channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot } } }) });
    admin = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] })).client;
    reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
  });
  afterAll(async () => {
    admin.close();
    reader.close();
    await gateway.stop();
    await telegram.close();
    removeStateDir(gateway.stateDir);
  });

  it.each([
    ['channels.pairing.approve', { channel: 'telegram', accountId: 'default', requestId: 'ABCDEFGH' }],
    ['send', { to: '42', message: 'pwned', idempotencyKey: 'attack-1' }],
    ['poll', { to: '42', question: 'q', options: ['a', 'b'], idempotencyKey: 'attack-2' }],
    ['channels.logout', { channel: 'telegram' }],
    ['channels.start', { channel: 'telegram' }],
    ['channels.stop', { channel: 'telegram' }],
  ])('a read-only client cannot call %s', async (method, params) => {
    const response = await reader.request(method, params);
    expect(response.ok).toBe(false);
    expect(response.error.message).toMatch(/missing scope: operator\./);
    expect(telegram.calls.filter((call) => call.method.startsWith('send'))).toEqual([]);
  });

  it('can read channel status', async () => {
    const status = await reader.call('channels.status', {});
    expect(status.channelOrder).toEqual(['telegram', 'discord']);
  });

  it.each([
    ['an unknown channel', 'send', { channel: 'carrier-pigeon', to: '42', message: 'hi', idempotencyKey: 'b1' }, /unknown channel: carrier-pigeon/],
    ['an unknown account', 'send', { accountId: 'ghost', to: '42', message: 'hi', idempotencyKey: 'b2' }, /unknown telegram account: ghost/],
    ['a malformed to', 'send', { to: '42; DROP TABLE', message: 'hi', idempotencyKey: 'b3' }, /invalid "to" for telegram/],
    ['an oversized message', 'send', { to: '42', message: 'x'.repeat(40_000), idempotencyKey: 'b4' }, /message/],
    ['a poll with 1 option', 'poll', { to: '42', question: 'q', options: ['only'], idempotencyKey: 'b5' }, /options/],
    ['a poll with 13 options', 'poll', { to: '42', question: 'q', options: Array.from({ length: 13 }, (_, i) => `o${i}`), idempotencyKey: 'b6' }, /options/],
    ['an unknown key', 'send', { to: '42', message: 'hi', idempotencyKey: 'b7', injected: true }, /unexpected property 'injected'/],
    ['an unknown pairing code', 'channels.pairing.approve', { channel: 'telegram', accountId: 'default', requestId: 'ZZZZZZZZ' }, /unknown or expired pairing request/],
    ['logout of an unknown channel', 'channels.logout', { channel: 'carrier-pigeon' }, /unknown channel/],
  ])('refuses %s with INVALID_REQUEST', async (_what, method, params, message) => {
    const response = await admin.request(method, params);
    expect(response.ok).toBe(false);
    expect(response.error.code).toBe('INVALID_REQUEST');
    expect(response.error.message).toMatch(message);
    expect(telegram.calls.filter((call) => call.method.startsWith('send'))).toEqual([]);
  });

  it('sends pairing requests and their resolution to pairing operators only, never to a read-only client', async () => {
    telegram.inject({ chat: { id: 777, type: 'private' }, from: { id: 777, first_name: 'Stranger' }, text: 'let me in' });
    const requested = await admin.event('channels.pairing.requested');
    const requestId = String(requested.payload.requestId);
    const resolved = admin.event('channels.pairing.resolved');
    await admin.call('channels.pairing.dismiss', { channel: 'telegram', accountId: 'default', requestId });
    expect((await resolved).payload).toMatchObject({ requestId, channel: 'telegram', accountId: 'default', senderId: '777', decision: 'dismissed' });
    // A read-only client that is connected all along hears of neither.
    await admin.call('channels.status', {});
    expect(reader.events('channels.pairing.requested')).toEqual([]);
    expect(reader.events('channels.pairing.resolved')).toEqual([]);
  });

  it('answers web.login.* plainly: no QR-linked channel is installed', async () => {
    expect((await admin.call('web.login.start', {})).message).toMatch(/no QR-linked channel/);
    expect(await admin.call('web.login.wait', {})).toMatchObject({ connected: false });
  });
});

describe('Discord channel attacks', () => {
  let discord: FakeDiscord;
  let gateway: GatewayProcess;
  let admin: RawClient;
  let reader: RawClient;
  const posts = () => discord.calls.filter((call) => call.method === 'POST' && call.path.startsWith('/channels/'));

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    gateway = await startGateway({ config: JSON.stringify({ channels: { discord: { token: discord.token, apiRoot: discord.apiRoot } } }) });
    admin = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.admin'] })).client;
    reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
  });
  afterAll(async () => {
    admin.close();
    reader.close();
    await gateway.stop();
    await discord.close();
    removeStateDir(gateway.stateDir);
  });

  it('a read-only client cannot post to Discord', async () => {
    const response = await reader.request('send', { to: 'channel:710000000000000001', message: 'pwned', idempotencyKey: 'd-attack-1' });
    expect(response.error.message).toMatch(/missing scope: operator\./);
    expect(posts()).toEqual([]);
  });

  it.each([
    ['a malformed to', 'send', { to: '42; DROP TABLE', message: 'hi', idempotencyKey: 'd1' }, /invalid "to" for discord/],
    ['a path in to', 'send', { to: 'channel:../../users/@me', message: 'hi', idempotencyKey: 'd2' }, /invalid "to" for discord/],
    ['an unknown account', 'send', { accountId: 'ghost', to: 'channel:710000000000000001', message: 'hi', idempotencyKey: 'd3' }, /unknown discord account: ghost/],
    ['a poll with 11 options', 'poll', { to: 'channel:710000000000000001', question: 'q', options: Array.from({ length: 11 }, (_, i) => `o${i}`), idempotencyKey: 'd4' }, /at most 10 options/],
  ])('refuses %s with INVALID_REQUEST before anything reaches Discord', async (_what, method, params, message) => {
    const response = await admin.request(method, params);
    expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(message) });
    expect(posts()).toEqual([]);
  });

  it('does not let agent or send text ping @everyone', async () => {
    await admin.call('send', { to: 'channel:710000000000000001', message: '@everyone free pizza', idempotencyKey: 'd5' });
    expect(posts()[0]?.body).toMatchObject({ content: '@everyone free pizza', allowed_mentions: { parse: [] } });
  });
});
