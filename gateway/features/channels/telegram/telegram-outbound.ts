import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelAccount, PollRequest, SentMessage, SentPoll } from '../channel-plugin.js';
import { markdownToTelegramHtml } from './markdown-to-telegram-html.js';
import { loadGrammy, telegramApi, telegramErrorOf } from './telegram-api.js';

/** Telegram's message limit (characters after entity parsing). */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Chunks are cut a little shorter: the HTML conversion turns "- " into "• " and the like. */
export const TELEGRAM_CHUNK_LIMIT = 4000;
/** Longest 429 `retry_after` an outbound call waits out before failing. */
const MAX_OUTBOUND_WAIT_MS = 30_000;
/** Telegram's poll open_period range (seconds). */
const POLL_OPEN_PERIOD = { min: 5, max: 600 };

/** A send Telegram refused; `status` is what the account shows. */
export class TelegramSendError extends Error {
  constructor(
    message: string,
    readonly telegramCode: number | undefined,
  ) {
    super(message);
    this.name = 'TelegramSendError';
  }
}

/** `123`, `-100123`, `@channelname`, with an optional `telegram:`/`tg:` prefix; undefined when malformed. */
export function parseTelegramTarget(to: string): string | undefined {
  const bare = to.trim().replace(/^(telegram|tg):/i, '');
  if (/^-?\d{1,20}$/.test(bare)) return bare;
  if (/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(bare)) return bare;
  return undefined;
}

function chatIdOf(to: string): string {
  const chatId = parseTelegramTarget(to);
  if (!chatId) throw new TelegramSendError(`not a Telegram chat: ${JSON.stringify(to.slice(0, 80))} (use a numeric chat id or @channelname)`, undefined);
  return chatId;
}

/** Runs one Bot API call, waiting out a 429 (up to 30 s) and naming what a refusal means. */
async function call<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const telegram = telegramErrorOf(error);
      if (telegram?.code === 429 && attempt < 3 && (telegram.retryAfterMs ?? 1000) <= MAX_OUTBOUND_WAIT_MS) {
        await sleep(telegram.retryAfterMs ?? 1000);
        continue;
      }
      if (!telegram) throw new TelegramSendError(`network error talking to Telegram: ${error instanceof Error ? error.message : String(error)}`, undefined);
      if (telegram.code === 403) throw new TelegramSendError(`the user blocked the bot, or the bot is not in that chat (403 ${telegram.description})`, 403);
      if (telegram.code === 401) throw new TelegramSendError(`Telegram rejected the bot token (401 ${telegram.description})`, 401);
      if (telegram.code === 429) throw new TelegramSendError(`rate limited by Telegram (429): retry after ${Math.ceil((telegram.retryAfterMs ?? 0) / 1000)} s`, 429);
      throw new TelegramSendError(`Telegram refused the message (${telegram.code} ${telegram.description})`, telegram.code);
    }
  }
}

function isMarkupRefusal(error: unknown): boolean {
  const telegram = telegramErrorOf(error);
  return telegram?.code === 400 && /parse entities|can't find end|unsupported start tag|unclosed/i.test(telegram.description);
}

/** One message, as Telegram HTML; as plain text when Telegram refuses the markup. */
export async function sendTelegramText(account: ChannelAccount, to: string, text: string): Promise<SentMessage> {
  const chatId = chatIdOf(to);
  const api = await telegramApi(account);
  const sent = await call(async () => {
    try {
      return await api.sendMessage(chatId, markdownToTelegramHtml(text), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    } catch (error) {
      if (!isMarkupRefusal(error)) throw error;
      return api.sendMessage(chatId, text, { link_preview_options: { is_disabled: true } });
    }
  });
  return { messageId: String(sent.message_id), chatId: String(sent.chat.id) };
}

export async function sendTelegramPhoto(account: ChannelAccount, to: string, url: string, caption?: string): Promise<SentMessage> {
  const chatId = chatIdOf(to);
  const api = await telegramApi(account);
  const sent = await call(() => api.sendPhoto(chatId, url, caption ? { caption: caption.slice(0, 1024) } : {}));
  return { messageId: String(sent.message_id), chatId: String(sent.chat.id) };
}

/** A reply's audio file (text to speech) and what it is. */
export interface TelegramOutboundAudio {
  readonly path: string;
  readonly mimeType: string;
  /** Ogg/Opus: sent as a voice note. */
  readonly voiceCompatible: boolean;
}

/**
 * Audio after a reply: Ogg/Opus as a voice note (sendVoice), mp3 as audio (sendAudio), anything
 * else (the system voice's WAV without ffmpeg) as a file (sendDocument), as Telegram asks.
 * grammY uploads the file from disk (multipart).
 */
export async function sendTelegramAudio(account: ChannelAccount, to: string, audio: TelegramOutboundAudio): Promise<SentMessage> {
  const chatId = chatIdOf(to);
  const api = await telegramApi(account);
  const { InputFile } = await loadGrammy();
  const sent = await call<{ message_id: number; chat: { id: number } }>(() => {
    if (audio.voiceCompatible) return api.sendVoice(chatId, new InputFile(audio.path, 'reply.ogg'));
    if (audio.mimeType === 'audio/mpeg') return api.sendAudio(chatId, new InputFile(audio.path, 'reply.mp3'), { title: 'Spoken reply' });
    return api.sendDocument(chatId, new InputFile(audio.path, audio.mimeType === 'audio/wav' ? 'reply.wav' : 'reply.audio'));
  });
  return { messageId: String(sent.message_id), chatId: String(sent.chat.id) };
}

export async function sendTelegramPoll(account: ChannelAccount, to: string, poll: PollRequest): Promise<SentPoll> {
  const chatId = chatIdOf(to);
  const api = await telegramApi(account);
  const openPeriod = poll.durationSeconds !== undefined && poll.durationSeconds >= POLL_OPEN_PERIOD.min && poll.durationSeconds <= POLL_OPEN_PERIOD.max ? poll.durationSeconds : undefined;
  const sent = await call(() =>
    api.sendPoll(chatId, poll.question, [...poll.options], {
      is_anonymous: false,
      allows_multiple_answers: (poll.maxSelections ?? 1) > 1,
      ...(openPeriod !== undefined ? { open_period: openPeriod } : {}),
    }),
  );
  return { messageId: String(sent.message_id), chatId: String(sent.chat.id), pollId: sent.poll.id };
}

export async function sendTelegramTyping(account: ChannelAccount, to: string): Promise<void> {
  const api = await telegramApi(account);
  await api.sendChatAction(chatIdOf(to), 'typing');
}
