import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegramBotApi, visibleText, type RecordedCall } from '../fixtures/telegram-bot-api/index.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { removeStateDir, runCli, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const ALICE = { id: 4242, first_name: 'Alice', username: 'alice' };
const BOB = { id: 5151, first_name: 'Bob' };
const GROUP = { id: -100777, type: 'supergroup' as const, title: 'Team' };

function configFor(provider: ModelProviderServer, telegram: FakeTelegramBotApi): string {
  return JSON.stringify({
    models: { providers: { mock: { baseUrl: provider.openAiBaseUrl, apiKey: 'sk-test-provider-key-123456', api: 'openai-completions', models: [{ id: 'mock-model', name: 'Mock' }] } } },
    agents: { defaults: { model: 'mock/mock-model' } },
    channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, groupPolicy: 'open' } },
  });
}

/** What the person sees in the chat (Telegram renders the HTML). */
const textsTo = (telegram: FakeTelegramBotApi, chatId: number) =>
  telegram.sent('sendMessage', chatId).map((call) => (call.payload.parse_mode === 'HTML' ? visibleText(String(call.payload.text)) : String(call.payload.text)));
const toChat = (chatId: number, contains?: string) => (call: RecordedCall) =>
  call.method === 'sendMessage' && String(call.payload.chat_id) === String(chatId) && (contains === undefined || String(call.payload.text).includes(contains));

async function accountState(client: RawClient): Promise<Record<string, any>> {
  const status = await client.call('channels.status', {});
  return status.channelAccounts.telegram[0];
}

async function waitForState(client: RawClient, predicate: (account: Record<string, any>) => boolean, timeoutMs = 10_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const account = await accountState(client);
    if (predicate(account)) return account;
    if (Date.now() > deadline) throw new Error(`account never reached the state; last: ${JSON.stringify(account)}`);
    await sleep(100);
  }
}

describe('Telegram channel end to end', () => {
  let provider: ModelProviderServer;
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let client: RawClient;

  const start = async (stateDir?: string) => {
    gateway = await startGateway({ config: configFor(provider, telegram), ...(stateDir ? { stateDir } : {}) });
    client = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'channels-test', mode: 'ui' } })).client;
    await waitForState(client, (account) => account.connected === true);
  };

  beforeAll(async () => {
    provider = await ModelProviderServer.start();
    telegram = await FakeTelegramBotApi.start();
    await start();
  });
  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await telegram.close();
    await provider.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('answers an unknown sender with a pairing code, and talks to them once an operator approves it', async () => {
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'hi' });
    const codeMessage = await telegram.waitForCall(toChat(ALICE.id, 'pairing code'));
    const code = /pairing code: ([A-Z2-9]{8})/.exec(String(codeMessage.payload.text))?.[1];
    expect(code).toBeDefined();
    expect(String(codeMessage.payload.text)).toContain(`gatehouse pairing approve telegram ${code}`);
    const requested = await client.event('channels.pairing.requested');
    expect(requested.payload).toMatchObject({ requestId: code, channel: 'telegram', accountId: 'default', senderId: String(ALICE.id) });
    expect(provider.requests).toHaveLength(0);

    const listed = await client.call('channels.pairing.list', {});
    expect(listed.requests.map((r: { requestId: string }) => r.requestId)).toEqual([code]);
    const approved = await client.call('channels.pairing.approve', { channel: 'telegram', accountId: 'default', requestId: code });
    expect(approved).toMatchObject({ requestId: code, senderId: String(ALICE.id), notification: 'sent' });

    // A long reply comes back in Telegram-sized chunks, split between paragraphs.
    const first = 'First paragraph. '.repeat(150).trim();
    const second = 'Second paragraph with **bold** text. '.repeat(80).trim();
    // Slow enough (over a second) for "typing…" to show.
    provider.enqueue({ text: [first, '\n\n', second], chunkDelayMs: 300 });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'tell me a long story' });
    await telegram.waitForCall(toChat(ALICE.id, 'Second paragraph'));
    await sleep(300);
    const replies = textsTo(telegram, ALICE.id).filter((text) => text.includes('paragraph'));
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.length).toBeLessThanOrEqual(4096);
    expect(replies[0]).toBe(first);
    expect(replies[1]).toContain('with bold text');
    expect(telegram.sent('sendMessage', ALICE.id).at(-1)?.payload).toMatchObject({ parse_mode: 'HTML', text: expect.stringContaining('<b>bold</b>') });
    expect(telegram.sent('sendChatAction', ALICE.id).length).toBeGreaterThan(0);
    const account = await accountState(client);
    expect(account.lastInboundAt).toBeGreaterThan(0);
    expect(account.lastOutboundAt).toBeGreaterThan(0);
  });

  it('approves a sender from the CLI: gatehouse pairing approve telegram <code>', async () => {
    telegram.inject({ chat: { id: BOB.id, type: 'private' }, from: BOB, text: 'hello?' });
    const codeMessage = await telegram.waitForCall(toChat(BOB.id, 'pairing code'));
    const code = /pairing code: ([A-Z2-9]{8})/.exec(String(codeMessage.payload.text))![1]!;
    const cli = await runCli(['pairing', 'approve', 'telegram', code.toLowerCase(), '--url', gateway.url, '--token', gateway.token, '--state-dir', gateway.stateDir]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('approved Bob on telegram');
    await telegram.waitForCall(toChat(BOB.id, 'You are approved'));
    const again = await runCli(['pairing', 'approve', 'telegram', code, '--url', gateway.url, '--token', gateway.token, '--state-dir', gateway.stateDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no pending telegram pairing request/);
  });

  it('answers in a group only when mentioned', async () => {
    provider.setDefault({ text: ['group answer'] });
    telegram.inject({ chat: GROUP, from: BOB, text: 'chatting among ourselves' });
    telegram.inject({ chat: GROUP, from: BOB, text: '@gatehouse_test_bot what time is it?' });
    await telegram.waitForCall(toChat(GROUP.id, 'group answer'));
    await sleep(500);
    expect(textsTo(telegram, GROUP.id)).toEqual(['group answer']);
  });

  it('sends a message once per idempotency key, and a poll', async () => {
    const params = { to: String(ALICE.id), message: 'Reminder: **stand-up** at 10', idempotencyKey: 'send-1' };
    const [a, b] = await Promise.all([client.call('send', params), client.call('send', params)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ runId: 'send-1', channel: 'telegram', accountId: 'default', chatId: String(ALICE.id) });
    expect(textsTo(telegram, ALICE.id).filter((text) => text.includes('stand-up'))).toEqual(['Reminder: stand-up at 10']);

    const poll = await client.call('poll', { to: String(ALICE.id), question: 'Lunch?', options: ['Pizza', 'Sushi', 'Salad'], idempotencyKey: 'poll-1' });
    expect(poll).toMatchObject({ runId: 'poll-1', channel: 'telegram' });
    expect(poll.pollId).toBeTruthy();
    expect(telegram.sent('sendPoll', ALICE.id)[0]?.payload).toMatchObject({ question: 'Lunch?' });
  });

  it('loses and repeats nothing across a restart', async () => {
    provider.setDefault({ text: ['noted'] });
    const modelCallsBefore = provider.requests.length;
    const notedBefore = textsTo(telegram, ALICE.id).filter((text) => text === 'noted').length;
    client.close();
    await gateway.stop();
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'while you were away 1' });
    telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'while you were away 2' });
    await start(gateway.stateDir);
    await telegram.waitForCall(() => textsTo(telegram, ALICE.id).filter((text) => text === 'noted').length >= notedBefore + 2, 15_000).catch(() => undefined);
    await sleep(1_000);
    expect(textsTo(telegram, ALICE.id).filter((text) => text === 'noted').length).toBe(notedBefore + 2);
    expect(provider.requests.length - modelCallsBefore).toBe(2);
    expect(telegram.unconfirmed()).toEqual([]);
  });

  it('shows a revoked token on the account instead of going quiet', async () => {
    telegram.revokeToken();
    const account = await waitForState(client, (candidate) => candidate.healthState === 'unauthorized');
    expect(account).toMatchObject({ connected: false, running: false });
    expect(account.lastError).toMatch(/401/);
    expect(account.lastError).toMatch(/botToken/);
  });
});
