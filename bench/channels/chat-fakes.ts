import { setTimeout as sleep } from 'node:timers/promises';
import { FakeDiscord } from '../../test/fixtures/discord/index.js';
import { FakeTelegramBotApi, preciseNow } from '../../test/fixtures/telegram-bot-api/index.js';
import type { ChatFake } from './chat-load.js';

/** First Telegram user id of the bench's people (a Telegram DM's chat id is the user's id). */
const FIRST_TELEGRAM_USER = 910_000;
/** First Discord user id of the bench's people (snowflakes: 17+ digits). */
const FIRST_DISCORD_USER = 400_000_000_000_000_000n;

/** A channel's local fake, started, with what the gateway's config needs to use it. */
export interface RunningChatFake extends ChatFake {
  readonly channel: 'telegram' | 'discord';
  readonly configBlock: Record<string, unknown>;
  /** Resolves once the gateway's account is connected to the fake. */
  connected(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** `send` stamped when the message is handed to the bot (the fake's own clock), for `onDelivered`. */
function deliveries(send: (chat: number, text: string) => void): Pick<ChatFake, 'send' | 'onDelivered'> {
  const listeners = new Set<(text: string, at: number) => void>();
  return {
    send: (chat, text) => {
      const at = preciseNow();
      send(chat, text);
      for (const listener of listeners) listener(text, at);
    },
    onDelivered: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The Telegram fake in this thread (fake-thread.ts runs it on a thread of its own for the bench). */
export async function startTelegramFake(): Promise<RunningChatFake> {
  const fake = await FakeTelegramBotApi.start();
  return {
    channel: 'telegram',
    configBlock: { botToken: fake.token, apiRoot: fake.apiRoot, dmPolicy: 'open', allowFrom: ['*'] },
    connected: async (timeoutMs) => void (await fake.waitForCall((call) => call.method === 'getUpdates', timeoutMs)),
    ...deliveries((chat, text) => {
      const id = FIRST_TELEGRAM_USER + chat;
      fake.inject({ chat: { id, type: 'private' }, from: { id, first_name: `Bench ${chat}` }, text });
    }),
    onReply: (listener) => fake.onCall((call) => call.method === 'sendMessage' && listener(String(call.payload.text ?? ''), call.atPrecise)),
    clear: () => fake.clearCalls(),
    close: () => fake.close(),
  };
}

/** The Discord fake in this thread (fake-thread.ts runs it on a thread of its own for the bench). */
export async function startDiscordFake(): Promise<RunningChatFake> {
  const fake = await FakeDiscord.start();
  return {
    channel: 'discord',
    configBlock: { token: fake.token, apiRoot: fake.apiRoot, dmPolicy: 'open', allowFrom: ['*'] },
    connected: async (timeoutMs) => {
      for (const deadline = Date.now() + timeoutMs; fake.gateway.stats.identifies === 0; await sleep(50)) {
        if (Date.now() > deadline) throw new Error(`the gateway's Discord account did not IDENTIFY within ${timeoutMs} ms`);
      }
      // READY is on its way; let the account take it before the first message.
      await sleep(300);
    },
    ...deliveries((chat, text) => {
      const id = String(FIRST_DISCORD_USER + BigInt(chat));
      fake.userSendsDm({ id, username: `bench${chat}` }, text);
    }),
    onReply: (listener) => fake.onCall((call) => call.method === 'POST' && /^\/channels\/\d+\/messages$/.test(call.path) && listener(String(call.body.content ?? ''), call.atPrecise)),
    clear: () => fake.clearCalls(),
    close: () => fake.close(),
  };
}
