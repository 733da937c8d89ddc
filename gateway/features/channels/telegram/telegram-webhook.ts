import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { ChannelAccountContext } from '../channel-plugin.js';
import { classifyTelegramError, grammySignal } from './telegram-api.js';
import type { UpdateReceiver } from './telegram-connection.js';
import type { BotIdentity } from './telegram-updates.js';

/** Telegram's updates are a few KiB; anything far larger is not from Telegram. */
const MAX_UPDATE_BYTES = 1024 * 1024;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface TelegramWebhookSettings {
  /** The public URL Telegram posts to (it reaches the gateway's port through a tunnel or proxy). */
  readonly url: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token with every update. */
  readonly secret: string;
  /** The path on the gateway's port that receives them. */
  readonly path: string;
}

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
export function secretMatches(presented: string | string[] | undefined, secret: string): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  response.end(text);
}

/** The body, or undefined once it passes the cap (reading stops; the request is not destroyed, so the 413 still goes out). */
function readCapped(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_UPDATE_BYTES) return void chunks.push(chunk);
      request.off('data', onData);
      request.pause();
      resolve(undefined);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.once('error', reject);
  });
}

function isUpdate(value: unknown): value is Update {
  return typeof value === 'object' && value !== null && Number.isSafeInteger((value as { update_id?: unknown }).update_id);
}

/**
 * Webhook mode: the account takes its path on the gateway's port, then asks Telegram to post
 * updates there (setWebhook with the secret). A request is answered 200 once its update is in the
 * inbox — before the agent runs, so Telegram never times out and resends — and the update is
 * handled in order per chat. Telegram keeps and retries what it could not deliver (gateway down,
 * account stopped: 503), and a redelivered update is a duplicate the inbox ignores. Stopping
 * leaves the webhook set, so updates wait at Telegram across a restart; polling mode removes it.
 */
export async function runTelegramWebhook(context: ChannelAccountContext, api: Api, me: BotIdentity, receive: UpdateReceiver, settings: TelegramWebhookSettings): Promise<void> {
  const { account, abortSignal, inbox } = context;
  const handler = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!secretMatches(request.headers[SECRET_HEADER], settings.secret)) {
      request.resume();
      return answer(response, 401, { ok: false, error: 'wrong or missing X-Telegram-Bot-Api-Secret-Token' });
    }
    const body = await readCapped(request);
    // The rest of the body is not read: the connection closes after the answer.
    if (body === undefined) return answer(response, 413, { ok: false, error: `an update is at most ${MAX_UPDATE_BYTES} bytes` }, { connection: 'close' });
    let update: unknown;
    try {
      update = JSON.parse(body);
    } catch {
      return answer(response, 400, { ok: false, error: 'the body is not JSON' });
    }
    if (!isUpdate(update)) return answer(response, 400, { ok: false, error: 'not a Telegram update (no update_id)' });
    if (abortSignal.aborted) return answer(response, 503, { ok: false, error: 'the account is stopping' });
    // The polling offset moves with it, so switching back to polling does not fetch these again.
    const offset = Math.max(Number(inbox.cursor() ?? 0), update.update_id + 1);
    const fresh = inbox.accept([{ externalId: String(update.update_id), payload: update }], String(offset));
    context.setStatus({ lastInboundAt: Date.now() });
    answer(response, 200, { ok: true });
    for (const entry of fresh) void receive(entry.payload as Update);
  };
  const release = context.webhooks.register(settings.path, handler);
  try {
    try {
      await api.setWebhook(settings.url, { secret_token: settings.secret, allowed_updates: ['message'], drop_pending_updates: false }, grammySignal(abortSignal));
    } catch (error) {
      if (abortSignal.aborted) return;
      throw classifyTelegramError(error);
    }
    context.setStatus({ connected: true, healthState: 'connected', lastError: null, lastConnectedAt: Date.now(), mode: 'webhook', baseUrl: account.settings.apiRoot ?? '' });
    context.log.info({ channel: 'telegram', accountId: account.accountId, bot: me.username, path: settings.path }, 'telegram account connected (webhook)');
    await new Promise<void>((resolve) => {
      if (abortSignal.aborted) return resolve();
      abortSignal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    release();
  }
}
