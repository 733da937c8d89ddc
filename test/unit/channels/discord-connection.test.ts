import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountStatusPatch } from '../../../gateway/features/channels/account-status.js';
import type { ChannelInbox, ChatCursorChanges, InboxEntry } from '../../../gateway/features/channels/channel-inbox-repository.js';
import type { ChannelAccount, ChannelAccountContext, InboundMessage } from '../../../gateway/features/channels/channel-plugin.js';
import { ChannelWebhooks } from '../../../gateway/features/channels/channel-webhooks.js';
import { inboundQueue } from '../../../gateway/features/channels/inbound-queue.js';
import { listDiscordAccounts } from '../../../gateway/features/channels/discord/discord-accounts.js';
import { runDiscordAccount } from '../../../gateway/features/channels/discord/discord-gateway-connection.js';
import { FakeDiscord } from '../../fixtures/discord/index.js';

// The gateway connection against the fake Discord, without a gateway process: what is handled
// (once) across reconnects and restarts, and what the account shows when Discord refuses it.

const ALICE = { id: '300000000000000001', username: 'alice', global_name: 'Alice' };
const BOB = { id: '300000000000000002', username: 'bob', global_name: 'Bob' };

/** The inbox's contract in memory (the SQLite one is channel-inbox-repository.ts). */
function memoryInbox(): ChannelInbox & { entries: Map<string, { payload: unknown; done: boolean }>; writes: number } {
  let cursor: string | undefined;
  const chats = new Map<string, string>();
  const entries = new Map<string, { payload: unknown; done: boolean }>();
  return {
    entries,
    writes: 0,
    cursor: () => cursor,
    chatCursors: () => new Map(chats),
    accept(list: readonly InboxEntry[], next: string, moved?: ChatCursorChanges) {
      this.writes += 1;
      cursor = next;
      for (const [chatId, chatCursor] of moved ?? []) {
        chats.delete(chatId);
        if (chatCursor !== null) chats.set(chatId, chatCursor);
      }
      return list.filter((entry) => !entries.has(entry.externalId) && entries.set(entry.externalId, { payload: entry.payload, done: false }));
    },
    pending: () => [...entries].filter(([, entry]) => !entry.done).map(([externalId, entry]) => ({ externalId, payload: entry.payload })),
    done: (id: string) => void (entries.get(id)!.done = true),
  };
}

function run(account: ChannelAccount, inbox: ChannelInbox) {
  const controller = new AbortController();
  const handled: InboundMessage[] = [];
  const statuses: AccountStatusPatch[] = [];
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const setStatus = (patch: AccountStatusPatch) => void statuses.push(patch);
  const handleInbound = async (message: InboundMessage) => void handled.push(message);
  const context: ChannelAccountContext = {
    account,
    abortSignal: controller.signal,
    log,
    setStatus,
    inbox,
    webhooks: new ChannelWebhooks(),
    handleInbound,
    dispatch: inboundQueue({ channel: 'discord', accountId: account.accountId, inbox, abortSignal: controller.signal, log, setStatus, handleInbound }),
  };
  const task = runDiscordAccount(context);
  task.catch(() => undefined);
  return { task, handled, statuses, stop: async () => (controller.abort(), await task) };
}

async function until(predicate: () => boolean, timeoutMs = 8_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !predicate(); await sleep(25)) if (Date.now() > deadline) throw new Error('timed out');
}

describe('Discord gateway connection', () => {
  let discord: FakeDiscord;
  let account: ChannelAccount;
  beforeAll(async () => {
    discord = await FakeDiscord.start({ heartbeatIntervalMs: 1_000 });
    account = listDiscordAccounts({ channels: { discord: { token: discord.token, apiRoot: discord.apiRoot } } } as never, {})[0]!;
  });
  afterAll(() => discord.close());

  it('resumes after a dropped connection, handling the replayed message once and the missed one', async () => {
    const inbox = memoryInbox();
    const connection = run(account, inbox);
    await until(() => connection.statuses.some((s) => s.connected === true));
    discord.userSendsDm(ALICE, 'one');
    await until(() => connection.handled.length === 1);
    discord.gateway.replayOverlap = 1;
    discord.gateway.closeWith(4000);
    discord.userSendsDm(ALICE, 'two (while away)');
    await until(() => connection.handled.length === 2);
    await sleep(300);
    expect(connection.handled.map((m) => m.text)).toEqual(['one', 'two (while away)']);
    expect(discord.gateway.stats.resumes).toBe(1);
    expect(connection.statuses.map((s) => s.healthState).filter(Boolean)).toEqual(['connected', 'reconnecting', 'connected']);
    discord.gateway.replayOverlap = 0;

    // A restart: the stored session RESUMEs and Discord replays what came in meanwhile.
    await connection.stop();
    discord.userSendsDm(ALICE, 'three (gateway down)');
    const restarted = run(account, inbox);
    await until(() => restarted.handled.length === 1);
    expect(restarted.handled[0]!.text).toBe('three (gateway down)');
    expect(discord.gateway.stats.resumes).toBe(2);

    // The session expired while down: a fresh IDENTIFY, and REST fetches the missed DM.
    await restarted.stop();
    discord.gateway.invalidateSessions();
    discord.userSendsDm(ALICE, 'four (session gone)');
    const identified = run(account, inbox);
    await until(() => identified.handled.length === 1);
    expect(identified.handled[0]!.text).toBe('four (session gone)');
    expect(discord.calls.some((c) => c.method === 'GET' && /\/channels\/\d+\/messages/.test(c.path))).toBe(true);
    await identified.stop();
    expect([...inbox.entries.values()].every((entry) => entry.done)).toBe(true);
  });

  it("writes the bot's own messages' cursor moves with the next message, not a write each", async () => {
    const inbox = memoryInbox();
    const connection = run(account, inbox);
    await until(() => connection.statuses.some((s) => s.connected === true));
    discord.userSendsDm(ALICE, 'question');
    await until(() => connection.handled.length === 1);
    const writes = inbox.writes;
    const { sendDiscordText } = await import('../../../gateway/features/channels/discord/discord-outbound.js');
    const toBob = await sendDiscordText(account, `channel:${discord.dmChannelOf(BOB.id)}`, 'a note for Bob');
    // Gateway events arrive in order: once this is handled, the bot's message was received before it.
    discord.userSendsDm(ALICE, 'thanks');
    await until(() => connection.handled.length === 2);
    expect(inbox.writes).toBe(writes + 1);
    expect(JSON.parse(inbox.chatCursors().get(discord.dmChannelOf(BOB.id))!)).toEqual({ last: toBob.messageId });
    await connection.stop();
  });

  it('shows rate-limited while the REST client waits out a 429', async () => {
    const connection = run(account, memoryInbox());
    await until(() => connection.statuses.some((s) => s.connected === true));
    const channel = discord.dmChannelOf(ALICE.id);
    discord.failNext('POST /channels/:id/messages', { status: 429, message: 'You are being rate limited.', retry_after: 1 });
    const { sendDiscordText } = await import('../../../gateway/features/channels/discord/discord-outbound.js');
    const started = Date.now();
    const sent = await sendDiscordText(account, `channel:${channel}`, 'after the wait');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sent.chatId).toBe(channel);
    expect(connection.statuses.find((s) => s.healthState === 'rate-limited')?.lastError).toMatch(/429/);
    expect(connection.statuses.at(-1)).toMatchObject({ healthState: 'connected' });
    await connection.stop();
  });

  it('fails as unauthorized, without retrying, on gateway close code 4004', async () => {
    const connection = run(account, memoryInbox());
    await until(() => connection.statuses.some((s) => s.connected === true));
    discord.gateway.closeWith(4004);
    await expect(connection.task).rejects.toMatchObject({ state: 'unauthorized', fatal: true, message: expect.stringMatching(/4004.*channels\.discord\.token/) });
  });
});
