import { setTimeout as sleep } from 'node:timers/promises';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { UpdateSupplier } from '@grammyjs/runner';
import { ChannelAccountError, type ChannelAccountContext } from '../channel-plugin.js';
import { afterTurnStart } from '../after-turn-start.js';
import { retryDelayMs } from '../retry-delay.js';
import { classifyTelegramError, grammySignal } from './telegram-api.js';
import type { UpdateReceiver } from './telegram-connection.js';
import type { BotIdentity } from './telegram-updates.js';

/** Seconds Telegram holds one getUpdates open. */
const LONG_POLL_SECONDS = 25;
/** A getUpdates answered after this long had waited for its update: no backlog, the next message is not due yet. */
const WAITED_POLL_MS = 50;

/**
 * Long polling with @grammyjs/runner's source and concurrent sink, over our own durable update
 * fetcher: each batch is written to the inbox with the next offset in one transaction before it is
 * handled (channel-inbox-repository.ts). A failed getUpdates is retried here with the channels'
 * back-off (retry-delay.ts; Telegram's retry_after when it gives one) and shows on the account
 * meanwhile; only a fatal one (revoked token) ends the account.
 */
export async function runTelegramPolling(context: ChannelAccountContext, api: Api, me: BotIdentity, receive: UpdateReceiver): Promise<void> {
  const { account, abortSignal, inbox } = context;
  try {
    // A webhook left set (webhook mode before) makes getUpdates fail with 409; its queued updates stay with Telegram.
    await api.deleteWebhook({ drop_pending_updates: false }, grammySignal(abortSignal));
  } catch (error) {
    if (abortSignal.aborted) return;
    throw classifyTelegramError(error);
  }
  context.setStatus({ connected: true, healthState: 'connected', lastError: null, lastConnectedAt: Date.now(), mode: 'polling', baseUrl: account.settings.apiRoot ?? '' });
  context.log.info({ channel: 'telegram', accountId: account.accountId, bot: me.username }, 'telegram account connected (polling)');

  let offset = Number(inbox.cursor() ?? 0);
  let failures = 0;
  /** The last call waited for the updates it handed to the runner: their turns are starting. */
  let afterWaitedPoll = false;
  const supply: UpdateSupplier<Update>['supply'] = async (batchSize, shimSignal) => {
    const signal = shimSignal as unknown as AbortSignal;
    // The runner asks again at once. After a poll that had to wait (one message now and then) the
    // next one (grammY's call, undici's request) waits until the turns just handed over have their
    // model requests out (after-turn-start.ts): its work no longer comes before theirs. After a
    // poll that found updates waiting (a busy bot), asking for the rest comes first, as before.
    if (afterWaitedPoll) {
      afterWaitedPoll = false;
      await afterTurnStart();
    }
    for (;;) {
      try {
        const askedAt = performance.now();
        // After a failure the first call does not wait for updates: its answer shows the connection is back.
        const updates = await api.getUpdates({ offset, timeout: failures > 0 ? 0 : LONG_POLL_SECONDS, limit: Math.max(1, Math.min(batchSize, 100)), allowed_updates: ['message'] }, shimSignal);
        if (failures > 0) context.setStatus({ connected: true, healthState: 'connected', lastError: null, lastConnectedAt: Date.now() });
        failures = 0;
        const last = updates.at(-1)?.update_id;
        if (last === undefined) continue;
        offset = last + 1;
        const fresh = inbox.accept(updates.map((update) => ({ externalId: String(update.update_id), payload: update })), String(offset));
        if (fresh.length === 0) continue;
        afterWaitedPoll = performance.now() - askedAt >= WAITED_POLL_MS;
        return fresh.map((entry) => entry.payload as Update);
      } catch (error) {
        if (signal.aborted || abortSignal.aborted) throw error;
        const failure = classifyTelegramError(error);
        if (failure.fatal) throw failure;
        // Visible while it lasts: connected false with the reason; back to connected on the next answer.
        failures += 1;
        context.setStatus({ connected: false, healthState: failure.state, lastError: failure.message });
        await sleep(retryDelayMs(failures, failure.retryAfterMs), undefined, { signal }).catch(() => undefined);
      }
    }
  };

  const { createConcurrentSink, createRunner, createSource } = await import('@grammyjs/runner');
  const failed: unknown[] = [];
  const runner = createRunner(
    createSource({ supply }),
    createConcurrentSink({ consume: receive }, async (error) => void failed.push(error)),
  );
  runner.start();
  const aborted = new Promise<void>((resolve) => abortSignal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([runner.task(), aborted]);
  } finally {
    await runner.stop()?.catch(() => undefined);
  }
  if (!abortSignal.aborted) throw failed.length > 0 && failed[0] instanceof ChannelAccountError ? failed[0] : new ChannelAccountError('telegram polling stopped unexpectedly', 'error', false);
}
