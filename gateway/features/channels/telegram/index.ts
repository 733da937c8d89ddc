import type { ChannelPlugin } from '../channel-plugin.js';
import { chunkText } from '../text-chunker.js';
import { classifyTelegramError, grammySignal, telegramApi } from './telegram-api.js';
import { listTelegramAccounts, telegramDefaultAccountId } from './telegram-accounts.js';
import {
  parseTelegramTarget,
  sendTelegramPhoto,
  sendTelegramPoll,
  sendTelegramText,
  sendTelegramTyping,
  TELEGRAM_CHUNK_LIMIT,
} from './telegram-outbound.js';

// grammY is imported by telegram-api.ts and telegram-polling.ts only when an account starts or
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
    start: async (context) => (await import('./telegram-polling.js')).runTelegramAccount(context),
    // The token lives in the config (remove it with config.patch); what the gateway keeps is the
    // update offset and unanswered messages, cleared by the feature's logout.
    logout: () => Promise.resolve({ cleared: false, message: 'stopped; the bot token stays in channels.telegram (remove it with config.patch to unlink the bot)' }),
  },
  outbound: {
    textChunkLimit: TELEGRAM_CHUNK_LIMIT,
    chunk: chunkText,
    parseTarget: parseTelegramTarget,
    sendText: sendTelegramText,
    sendMedia: sendTelegramPhoto,
    sendPoll: sendTelegramPoll,
    sendTyping: sendTelegramTyping,
  },
  status: {
    probe: async (account, timeoutMs) => {
      const api = await telegramApi(account);
      const started = Date.now();
      try {
        const me = await api.getMe(grammySignal(AbortSignal.timeout(timeoutMs)));
        return { ok: true, elapsedMs: Date.now() - started, bot: { id: me.id, username: me.username } };
      } catch (error) {
        return { ok: false, elapsedMs: Date.now() - started, error: classifyTelegramError(error).message };
      }
    },
  },
};
