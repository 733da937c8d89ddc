import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatehouseConfig } from '../../../gateway/core/config/index.js';
import type { ChannelAccount } from '../../../gateway/features/channels/channel-plugin.js';
import { grammySignal, telegramApi } from '../../../gateway/features/channels/telegram/telegram-api.js';
import { listTelegramAccounts } from '../../../gateway/features/channels/telegram/telegram-accounts.js';
import { sendTelegramAudio, sendTelegramText, TelegramSendError } from '../../../gateway/features/channels/telegram/telegram-outbound.js';
import { FakeTelegramBotApi, type UploadedFile } from '../../fixtures/telegram-bot-api/index.js';

// Bot API calls go through undici (telegram-http.ts), not grammY's node-fetch: the same calls,
// answers, refusals, uploads and aborts, against the local Bot API stand-in over real sockets.

function accountFor(token: string, apiRoot: string): ChannelAccount {
  const config = { channels: { telegram: { botToken: token, apiRoot } } } as unknown as GatehouseConfig;
  const account = listTelegramAccounts(config, {})[0];
  if (!account) throw new Error('no account');
  return account;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Telegram Bot API calls over undici', () => {
  let fake: FakeTelegramBotApi;
  let account: ChannelAccount;
  let dir: string;

  beforeAll(async () => {
    fake = await FakeTelegramBotApi.start();
    account = accountFor(fake.token, fake.apiRoot);
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-telegram-http-'));
  });

  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a message as Telegram HTML and reads the answer', async () => {
    const sent = await sendTelegramText(account, '4242', 'hello **there**');
    const call = await fake.waitForCall((c) => c.method === 'sendMessage' && String(c.payload.chat_id) === '4242');
    expect(call.payload).toMatchObject({ text: 'hello <b>there</b>', parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(sent.chatId).toBe('4242');
    expect(Number(sent.messageId)).toBeGreaterThan(0);
  });

  it("reads Telegram's refusal from an error status (403: the user blocked the bot)", async () => {
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const refused = await sendTelegramText(account, '4243', 'hi').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TelegramSendError);
    expect((refused as TelegramSendError).telegramCode).toBe(403);
    expect((refused as Error).message).toMatch(/blocked the bot/);
  });

  it('uploads a file as multipart form data (a voice note)', async () => {
    const path = join(dir, 'reply.ogg');
    const bytes = Buffer.from(`OggS${'x'.repeat(3000)}`);
    writeFileSync(path, bytes);
    await sendTelegramAudio(account, '4244', { path, mimeType: 'audio/ogg', voiceCompatible: true });
    const call = await fake.waitForCall((c) => c.method === 'sendVoice');
    expect(String(call.payload.chat_id)).toBe('4244');
    const voice = call.payload.voice as UploadedFile;
    expect(Buffer.compare(voice.bytes, bytes)).toBe(0);
  });

  it('a long poll ends when its signal aborts', async () => {
    const api = await telegramApi(account);
    const controller = new AbortController();
    const poll = api.getUpdates({ offset: 0, timeout: 25 }, grammySignal(controller.signal)).catch((error: unknown) => error);
    await fake.waitForCall((c) => c.method === 'getUpdates');
    controller.abort();
    expect(await poll).toBeInstanceOf(Error);
  });

  it('a server that is not there is a network error, not a crash', async () => {
    const nowhere = accountFor('123456:nobody-home', `http://127.0.0.1:${await closedPort()}`);
    const failed = await sendTelegramText(nowhere, '1', 'hi').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TelegramSendError);
    expect((failed as Error).message).toMatch(/^network error talking to Telegram/);
  });
});
