import type { ChannelPlugin } from '../channel-plugin.js';
import { chunkText } from '../text-chunker.js';
import { classifyTelegramError, grammySignal, telegramApi } from './telegram-api.js';
import { listTelegramAccounts, telegramDefaultAccountId } from './telegram-accounts.js';
import {
  parseTelegramTarget,
  sendTelegramAudio,
  sendTelegramPhoto,
  sendTelegramPoll,
  sendTelegramText,
  sendTelegramTyping,
  TELEGRAM_CHUNK_LIMIT,
} from './telegram-outbound.js';

// grammY is imported by telegram-api.ts and telegram-connection.ts only when an account starts or
// sends (dynamic imports below and in telegram-api.ts): the gateway starts without loading it.

/** Telegram over the Bot API with grammY (research note §3): long polling, DMs, groups, polls, photos. */
export const telegramPlugin: ChannelPlugin = {
  id: 'telegram',
  meta: { label: 'Telegram', detailLabel: 'Telegram Bot', order: 10 },
  capabilities: { chatTypes: ['dm', 'group', 'channel'], polls: true, media: true, edit: true, maxPollOptions: 12 },
  config: {
    listAccounts: listTelegramAccounts,
    defaultAccountId: telegramDefaultAccountId,
  },
  gateway: {
    start: async (context) => (await import('./telegram-connection.js')).runTelegramAccount(context),
    // A stopped account keeps its webhook (Telegram holds the updates until it is back); logging
    // out removes it, so Telegram stops posting to a gateway that no longer listens for this bot.
    logout: async (account) => {
      const where = `the bot token stays in channels.telegram (remove it with config.patch to unlink the bot)`;
      if (account.settings.webhookUrl === undefined) return { cleared: false, message: `stopped; ${where}` };
      await (await telegramApi(account)).deleteWebhook({ drop_pending_updates: false }, grammySignal(AbortSignal.timeout(10_000)));
      return { cleared: true, message: `stopped and the webhook removed; ${where}` };
    },
  },
  outbound: {
    textChunkLimit: TELEGRAM_CHUNK_LIMIT,
    chunk: chunkText,
    parseTarget: parseTelegramTarget,
    sendText: sendTelegramText,
    sendMedia: sendTelegramPhoto,
    sendPoll: sendTelegramPoll,
    sendTyping: sendTelegramTyping,
    sendAudio: sendTelegramAudio,
  },
  status: {
    identify: async (account, signal) => {
      const me = await (await telegramApi(account)).getMe(grammySignal(signal));
      return { id: String(me.id), username: me.username };
    },
    describeError: (error) => classifyTelegramError(error).message,
  },
};
