import type { Update } from 'grammy/types';
import { ChannelAccountError, type ChannelAccountContext } from '../channel-plugin.js';
import { classifyTelegramError, grammySignal, telegramApi } from './telegram-api.js';
import { telegramImage } from './telegram-files.js';
import { runTelegramPolling } from './telegram-polling.js';
import { inboundFromUpdate, type BotIdentity } from './telegram-updates.js';
import { runTelegramWebhook } from './telegram-webhook.js';

/** Hands one update (already in the inbox) to the shared per-chat queue. */
export type UpdateReceiver = (update: Update) => Promise<void>;

/**
 * One Telegram account: who the bot is (getMe), then its updates by long polling or, with
 * `webhookUrl`, by webhook. Either way each update is written to the inbox before it is handled
 * and handled in order per chat (ChannelAccountContext.dispatch), so a restart neither loses nor
 * repeats one; what a previous process received and did not finish is handled first.
 */
export async function runTelegramAccount(context: ChannelAccountContext): Promise<void> {
  const { account, abortSignal } = context;
  const api = await telegramApi(account);
  let me: BotIdentity;
  try {
    const identity = await api.getMe(grammySignal(abortSignal));
    me = { id: identity.id, username: identity.username };
  } catch (error) {
    if (abortSignal.aborted) return;
    throw classifyTelegramError(error);
  }
  const receive: UpdateReceiver = (update) =>
    context.dispatch(String(update.update_id), inboundFromUpdate(update, account.accountId, me, (fileId, meta) => telegramImage(account, fileId, meta)));
  for (const entry of context.inbox.pending()) void receive(entry.payload as Update);

  const { webhookUrl, webhookSecret, webhookPath } = account.settings;
  if (webhookUrl === undefined) return runTelegramPolling(context, api, me, receive);
  if (!webhookSecret || !webhookPath) {
    throw new ChannelAccountError('channels.telegram.webhookUrl needs webhookSecret (a random string of letters, digits, _ and -): Telegram sends it with every update so the gateway can tell them from forgeries', 'not-configured', true);
  }
  return runTelegramWebhook(context, api, me, receive, { url: webhookUrl, secret: webhookSecret, path: webhookPath });
}
