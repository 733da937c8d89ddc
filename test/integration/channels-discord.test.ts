import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, type RecordedDiscordCall } from '../fixtures/discord/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const ALICE = { id: '300000000000000001', username: 'alice', global_name: 'Alice' };
const BOB = { id: '300000000000000002', username: 'bob' };
const GUILD = { guildId: '700000000000000001', channelId: '710000000000000001' };
const OTHER_GUILD = { guildId: '700000000000000002', channelId: '720000000000000001' };

function configFor(provider: ModelProviderServer, discord: FakeDiscord): string {
  return JSON.stringify({
    models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock', input: ['text', 'image'] }] } } },
    agents: { defaults: { model: 'mock/mock-model' } },
    // Only the listed guild is answered (groupPolicy allowlist, the default), and only when mentioned.
    channels: { discord: { token: discord.token, apiRoot: discord.apiRoot, guilds: { [GUILD.guildId]: {} } } },
  });
}

async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !predicate(); await sleep(50)) if (Date.now() > deadline) throw new Error('timed out waiting');
}

const postsTo = (channelId: string, contains?: string) => (call: RecordedDiscordCall) =>
  call.method === 'POST' && call.path === `/channels/${channelId}/messages` && (contains === undefined || String(call.body.content ?? '').includes(contains));

describe('Discord channel end to end', () => {
  let provider: ModelProviderServer;
  let discord: FakeDiscord;
  let gateway: GatewayProcess;
  let client: RawClient;
  const contents = (channelId: string) => discord.postedIn(channelId).map((message) => String(message.content));

  const accountState = async (): Promise<Record<string, any>> => (await client.call('channels.status', {})).channelAccounts.discord[0];
  const waitForState = async (predicate: (account: Record<string, any>) => boolean, timeoutMs = 10_000) => {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
      const account = await accountState();
      if (predicate(account)) return account;
      if (Date.now() > deadline) throw new Error(`account never reached the state; last: ${JSON.stringify(account)}`);
    }
  };
  const start = async (stateDir?: string) => {
    gateway = await startGateway({ config: configFor(provider, discord), ...(stateDir ? { stateDir } : {}) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'discord-test', mode: 'ui' } })).client;
    await waitForState((account) => account.connected === true);
  };

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 2_000 });
    await start();
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await discord.close();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('pairs an unknown DM sender, then answers them in 2,000-character chunks with typing', async () => {
    const dm = discord.dmChannelOf(ALICE.id);
    discord.userSendsDm(ALICE, 'hi');
    const codeMessage = await discord.waitForCall(postsTo(dm, 'pairing code'));
    const code = /pairing code: ([A-Z2-9]{8})/.exec(String(codeMessage.body.content))?.[1];
    expect(code).toBeDefined();
    expect(String(codeMessage.body.content)).toContain(`gatehouse pairing approve discord ${code}`);
    const requested = await client.event('channels.pairing.requested');
    expect(requested.payload).toMatchObject({ requestId: code, channel: 'discord', senderId: ALICE.id });
    expect(provider.requests).toHaveLength(0);
    const approved = await client.call('channels.pairing.approve', { channel: 'discord', accountId: 'default', requestId: code });
    expect(approved).toMatchObject({ senderId: ALICE.id, notification: 'sent' });

    const first = 'First paragraph. '.repeat(90).trim();
    const second = 'Second paragraph. '.repeat(60).trim();
    // Slow enough (over a second) for "typing…" to show.
    provider.enqueue({ text: [first, '\n\n', second], chunkDelayMs: 300 });
    discord.userSendsDm(ALICE, 'tell me a long story');
    await discord.waitForCall(postsTo(dm, 'Second paragraph'));
    await sleep(300);
    const replies = contents(dm).filter((text) => text.includes('paragraph'));
    expect(replies).toEqual([first, second]);
    for (const reply of replies) expect(reply.length).toBeLessThanOrEqual(2000);
    expect(discord.calls.some((call) => call.method === 'POST' && call.path === `/channels/${dm}/typing`)).toBe(true);
    expect(discord.calls.find(postsTo(dm, 'Second paragraph'))?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers in a listed guild only when mentioned, and never in an unlisted guild', async () => {
    provider.setDefault({ text: ['guild answer'] });
    discord.userPostsInGuild(BOB, GUILD, 'chatting among ourselves');
    discord.userPostsInGuild(BOB, OTHER_GUILD, 'hello bot', { mentionBot: true });
    discord.userPostsInGuild(BOB, GUILD, 'what time is it?', { mentionBot: true });
    await discord.waitForCall(postsTo(GUILD.channelId, 'guild answer'));
    await sleep(500);
    expect(contents(GUILD.channelId)).toEqual(['guild answer']);
    expect(contents(OTHER_GUILD.channelId)).toEqual([]);
  });

  it('sends once per idempotency key to a user by id, and posts a Discord poll', async () => {
    const params = { channel: 'discord', to: `user:${ALICE.id}`, message: 'Reminder: **stand-up** at 10', idempotencyKey: 'discord-send-1' };
    const [a, b] = await Promise.all([client.call('send', params), client.call('send', params)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ channel: 'discord', chatId: discord.dmChannelOf(ALICE.id) });
    expect(contents(discord.dmChannelOf(ALICE.id)).filter((text) => text.includes('stand-up'))).toEqual(['Reminder: **stand-up** at 10']);

    const poll = await client.call('poll', { channel: 'discord', to: `channel:${GUILD.channelId}`, question: 'Lunch?', options: ['Pizza', 'Sushi', 'Salad'], maxSelections: 2, durationHours: 4, idempotencyKey: 'discord-poll-1' });
    expect(poll).toMatchObject({ channel: 'discord', chatId: GUILD.channelId });
    expect(discord.calls.find((call) => call.body.poll)?.body.poll).toEqual({
      question: { text: 'Lunch?' },
      answers: [{ poll_media: { text: 'Pizza' } }, { poll_media: { text: 'Sushi' } }, { poll_media: { text: 'Salad' } }],
      duration: 4,
      allow_multiselect: true,
    });
    const tooMany = await client.request('poll', { channel: 'discord', to: `channel:${GUILD.channelId}`, question: 'q', options: Array.from({ length: 11 }, (_, i) => `o${i}`), idempotencyKey: 'discord-poll-2' });
    expect(tooMany.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(/at most 10 options/) });
  });

  it('shows a user who blocked DMs (50007) as the send error and on the account', async () => {
    discord.blockDmsFrom(BOB.id);
    const response = await client.request('send', { channel: 'discord', to: `user:${BOB.id}`, message: 'hello', idempotencyKey: 'discord-send-blocked' });
    expect(response.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/50007/) });
    expect((await accountState()).lastError).toMatch(/blocked DMs/);
  });

  it('passes an image attachment to the agent as an image', async () => {
    provider.setDefault({ text: ['nice picture'] });
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const before = provider.requests.length;
    discord.userSendsFileDm(ALICE, 'look', { bytes: png, filename: 'dot.png', contentType: 'image/png' });
    await discord.waitForCall((call) => call.method === 'POST' && String(call.body.content ?? '').includes('nice picture'));
    expect(provider.requests.length - before).toBe(1);
    const body = JSON.stringify(provider.requests.at(-1)?.body);
    expect(body).toContain(`data:image/png;base64,${png.toString('base64')}`);
    expect(body).not.toContain('[attachment: dot.png]');
  });

  it('resumes after a forced reconnect without handling a replayed message twice', async () => {
    provider.setDefault({ text: ['noted'] });
    const dm = discord.dmChannelOf(ALICE.id);
    const before = provider.requests.length;
    discord.gateway.replayOverlap = 2;
    discord.gateway.requestReconnect();
    discord.userSendsDm(ALICE, 'sent during the reconnect');
    await until(() => contents(dm).filter((text) => text === 'noted').length >= 1);
    await sleep(1_000);
    discord.gateway.replayOverlap = 0;
    expect(contents(dm).filter((text) => text === 'noted')).toHaveLength(1);
    expect(provider.requests.length - before).toBe(1);
    expect(discord.gateway.stats.resumes).toBeGreaterThanOrEqual(1);
    expect(await accountState()).toMatchObject({ connected: true, healthState: 'connected' });
  });

  it('loses and repeats nothing across a gateway restart', async () => {
    const dm = discord.dmChannelOf(ALICE.id);
    const notedBefore = contents(dm).filter((text) => text === 'noted').length;
    const before = provider.requests.length;
    const { resumes, identifies } = discord.gateway.stats;
    client.close();
    await gateway.stop();
    discord.userSendsDm(ALICE, 'while you were away');
    await start(gateway.stateDir);
    await until(() => contents(dm).filter((text) => text === 'noted').length > notedBefore);
    await sleep(1_000);
    expect(contents(dm).filter((text) => text === 'noted').length).toBe(notedBefore + 1);
    expect(provider.requests.length - before).toBe(1);
    // The stored session RESUMEd: Discord replayed the message, no new IDENTIFY was needed.
    expect(discord.gateway.stats.resumes).toBe(resumes + 1);
    expect(discord.gateway.stats.identifies).toBe(identifies);
  });

  it('shows a reset token (gateway close 4004) as unauthorized and stops retrying', async () => {
    const identifies = discord.gateway.stats.identifies;
    discord.revokeToken();
    const account = await waitForState((candidate) => candidate.healthState === 'unauthorized');
    expect(account).toMatchObject({ connected: false, running: false });
    expect(account.lastError).toMatch(/4004/);
    expect(account.lastError).toMatch(/channels\.discord\.token/);
    await sleep(2_500);
    expect(discord.gateway.stats.identifies).toBe(identifies);
  });
});
