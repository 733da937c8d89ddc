import { setTimeout as sleep } from 'node:timers/promises';
import type { Update } from 'grammy/types';
import { ChannelAccountError, type ChannelAccountContext } from '../channel-plugin.js';
import type { UpdateSupplier } from '@grammyjs/runner';
import { classifyTelegramError, grammySignal, telegramApi } from './telegram-api.js';
import { inboundFromUpdate, type BotIdentity } from './telegram-updates.js';

/** Seconds Telegram holds one getUpdates open. */
const LONG_POLL_SECONDS = 25;
const NETWORK_RETRY_MAX_MS = 30_000;

/**
 * Long polling with @grammyjs/runner's source and concurrent sink, over our own durable update
 * fetcher: each batch is written to the inbox with the next offset in one transaction before it is
 * handled (channel-inbox-repository.ts), so a restart neither loses nor repeats a message. Updates
 * of one chat are handled in order; different chats run concurrently.
 */
export async function runTelegramAccount(context: ChannelAccountContext): Promise<void> {
  const { account, abortSignal, inbox } = context;
  const api = await telegramApi(account);
  let me: BotIdentity;
  try {
    const identity = await api.getMe(grammySignal(abortSignal));
    me = { id: identity.id, username: identity.username };
  } catch (error) {
    if (abortSignal.aborted) return;
    throw classifyTelegramError(error);
  }
  context.setStatus({ connected: true, healthState: 'connected', lastError: null, lastConnectedAt: Date.now(), mode: 'polling', baseUrl: account.settings.apiRoot ?? '' });
  context.log.info({ channel: 'telegram', accountId: account.accountId, bot: me.username }, 'telegram account connected');

  const chats = new Map<string, Promise<void>>();
  const handle = (update: Update): Promise<void> => {
    const externalId = String(update.update_id);
    const message = inboundFromUpdate(update, account.accountId, me);
    if (!message) {
      inbox.done(externalId);
      return Promise.resolve();
    }
    const previous = chats.get(message.chat.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (abortSignal.aborted) return;
      try {
        await context.handleInbound(message);
        inbox.done(externalId);
      } catch (error) {
        // On a stop the message stays pending: the next start joins its run (same run id). A real
        // failure is marked done, so one bad message is not retried on every start.
        context.log.error({ channel: 'telegram', accountId: account.accountId, error: error instanceof Error ? error.message : String(error) }, 'telegram message failed');
        if (!abortSignal.aborted) inbox.done(externalId);
      }
    });
    chats.set(message.chat.id, next);
    void next.finally(() => {
      if (chats.get(message.chat.id) === next) chats.delete(message.chat.id);
    });
    return next;
  };

  // What a previous process received and did not finish.
  for (const entry of inbox.pending()) void handle(entry.payload as Update);

  let offset = Number(inbox.cursor() ?? 0);
  let networkRetryMs = 1_000;
  const supply: UpdateSupplier<Update>['supply'] = async (batchSize, shimSignal) => {
    const signal = shimSignal as unknown as AbortSignal;
    for (;;) {
      try {
        const updates = await api.getUpdates({ offset, timeout: LONG_POLL_SECONDS, limit: Math.max(1, Math.min(batchSize, 100)), allowed_updates: ['message'] }, shimSignal);
        if (networkRetryMs !== 1_000) context.setStatus({ connected: true, healthState: 'connected', lastError: null, lastConnectedAt: Date.now() });
        networkRetryMs = 1_000;
        const last = updates.at(-1)?.update_id;
        if (last === undefined) continue;
        offset = last + 1;
        const fresh = inbox.accept(updates.map((update) => ({ externalId: String(update.update_id), payload: update })), String(offset));
        if (fresh.length > 0) return fresh.map((entry) => entry.payload as Update);
      } catch (error) {
        if (signal.aborted || abortSignal.aborted) throw error;
        const failure = classifyTelegramError(error);
        if (failure.fatal) throw failure;
        // Visible while it lasts: connected false with the reason; back to connected on the next answer.
        context.setStatus({ connected: false, healthState: failure.state, lastError: failure.message });
        const wait = failure.retryAfterMs ?? networkRetryMs;
        networkRetryMs = Math.min(networkRetryMs * 2, NETWORK_RETRY_MAX_MS);
        await sleep(wait, undefined, { signal }).catch(() => undefined);
      }
    }
  };

  const { createConcurrentSink, createRunner, createSource } = await import('@grammyjs/runner');
  const failures: unknown[] = [];
  const runner = createRunner(
    createSource({ supply }),
    createConcurrentSink({ consume: handle }, async (error) => void failures.push(error)),
  );
  runner.start();
  const aborted = new Promise<void>((resolve) => abortSignal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([runner.task(), aborted]);
  } finally {
    await runner.stop()?.catch(() => undefined);
  }
  if (!abortSignal.aborted) throw new ChannelAccountError('telegram polling stopped unexpectedly', 'error', false);
}
