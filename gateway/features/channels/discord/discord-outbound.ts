import type { APIChannel, APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { readFile } from 'node:fs/promises';
import type { ChannelAccount, OutboundAudio, PollRequest, SentMessage, SentPoll } from '../channel-plugin.js';
import { discordErrorOf, discordRest } from './discord-rest.js';

/** Discord's message limit (characters of `content`). */
export const DISCORD_TEXT_LIMIT = 2000;
/** Discord polls: 1 < answers ≤ 10, answers ≤ 55 characters, question ≤ 300, 1–768 hours (32 days). */
export const DISCORD_POLL_LIMITS = { maxAnswers: 10, answerChars: 55, questionChars: 300, maxHours: 768, defaultHours: 24 } as const;

/** A send Discord refused; the message says why in a person's words. */
export class DiscordSendError extends Error {
  constructor(
    message: string,
    readonly discordCode: number | undefined,
  ) {
    super(message);
    this.name = 'DiscordSendError';
  }
}

const SNOWFLAKE = /^\d{15,21}$/;

/**
 * `channel:<id>`, `user:<id>`, a user mention `<@id>`, or a bare id (a channel), with an optional
 * `discord:` prefix. Answers the canonical `channel:<id>` / `user:<id>`; undefined when malformed.
 */
export function parseDiscordTarget(to: string): string | undefined {
  const bare = to.trim().replace(/^discord:/i, '');
  const mention = /^<@!?(\d+)>$/.exec(bare);
  if (mention && SNOWFLAKE.test(mention[1]!)) return `user:${mention[1]}`;
  const prefixed = /^(channel|user):(.+)$/i.exec(bare);
  const kind = prefixed ? prefixed[1]!.toLowerCase() : 'channel';
  const id = prefixed ? prefixed[2]! : bare;
  return SNOWFLAKE.test(id) ? `${kind}:${id}` : undefined;
}

/** Why Discord refused, in words a person can act on. */
function sendFailure(error: unknown): DiscordSendError {
  const discord = discordErrorOf(error);
  if (!discord) return new DiscordSendError(`network error talking to Discord: ${error instanceof Error ? error.message : String(error)}`, undefined);
  switch (discord.code) {
    case 50007:
      return new DiscordSendError('cannot DM this user (50007): they blocked DMs from the bot, or share no server with it', 50007);
    case 50001:
    case 50013:
      return new DiscordSendError(`the bot may not post there (${discord.code} ${discord.message}): check its role's channel permissions`, discord.code);
    case 10003:
      return new DiscordSendError(`unknown Discord channel (10003): the bot cannot see it`, 10003);
    default:
  }
  if (discord.status === 401) return new DiscordSendError(`Discord rejected the bot token (401 ${discord.message})`, undefined);
  if (discord.status === 429) return new DiscordSendError(`rate limited by Discord (429): retry after ${Math.ceil((discord.retryAfterMs ?? 0) / 1000)} s`, undefined);
  return new DiscordSendError(`Discord refused the message (${discord.status} ${discord.message})`, discord.code);
}

async function call<T>(work: () => Promise<unknown>): Promise<T> {
  try {
    return (await work()) as T;
  } catch (error) {
    throw sendFailure(error);
  }
}

/** DM channel ids by account and user: Discord answers the same channel every time, so one call per user. */
const dmChannels = new Map<string, string>();

/** The channel id a canonical target names, opening the DM channel for `user:<id>`. */
async function channelIdOf(account: ChannelAccount, to: string): Promise<string> {
  const target = parseDiscordTarget(to);
  if (!target) throw new DiscordSendError(`not a Discord target: ${JSON.stringify(to.slice(0, 80))} (use channel:<id> or user:<id>)`, undefined);
  const [kind, id] = target.split(':') as ['channel' | 'user', string];
  if (kind === 'channel') return id;
  const key = `${account.accountId}\n${account.fingerprint}\n${id}`;
  const cached = dmChannels.get(key);
  if (cached) return cached;
  const rest = await discordRest(account);
  const channel = await call<APIChannel>(() => rest.post('/users/@me/channels', { body: { recipient_id: id } }));
  dmChannels.set(key, channel.id);
  return channel.id;
}

async function postMessage(account: ChannelAccount, to: string, body: RESTPostAPIChannelMessageJSONBody): Promise<APIMessage> {
  const channelId = await channelIdOf(account, to);
  const rest = await discordRest(account);
  // No pings from agent text: an "@everyone" in a reply stays text.
  return call<APIMessage>(() => rest.post(`/channels/${channelId}/messages`, { body: { allowed_mentions: { parse: [] }, ...body } }));
}

/** One message (Discord renders the Markdown models write as it is). */
export async function sendDiscordText(account: ChannelAccount, to: string, text: string): Promise<SentMessage> {
  if (text.length > DISCORD_TEXT_LIMIT) throw new DiscordSendError(`a Discord message holds at most ${DISCORD_TEXT_LIMIT} characters (got ${text.length})`, undefined);
  const sent = await postMessage(account, to, { content: text });
  return { messageId: sent.id, chatId: sent.channel_id };
}

/** A picture by URL: Discord unfurls an image link into a preview. */
export async function sendDiscordMedia(account: ChannelAccount, to: string, url: string, caption?: string): Promise<SentMessage> {
  const content = caption ? `${caption.slice(0, DISCORD_TEXT_LIMIT - url.length - 1)}\n${url}` : url;
  const sent = await postMessage(account, to, { content });
  return { messageId: sent.id, chatId: sent.channel_id };
}

/** File names Discord shows (and plays inline) by their type. */
const AUDIO_FILE_NAMES: Readonly<Record<string, string>> = { 'audio/ogg': 'reply.ogg', 'audio/mpeg': 'reply.mp3', 'audio/wav': 'reply.wav' };

/**
 * A spoken reply (messages.tts.auto) as an audio attachment after the text: Discord plays
 * Ogg, mp3 and WAV attachments in place. Its own "voice message" needs a waveform and a duration
 * we do not compute, so this is an ordinary attachment.
 */
export async function sendDiscordAudio(account: ChannelAccount, to: string, audio: OutboundAudio): Promise<SentMessage> {
  const channelId = await channelIdOf(account, to);
  const rest = await discordRest(account);
  const name = AUDIO_FILE_NAMES[audio.mimeType] ?? 'reply.audio';
  const data = await readFile(audio.path);
  const sent = await call<APIMessage>(() =>
    rest.post(`/channels/${channelId}/messages`, {
      body: { allowed_mentions: { parse: [] }, attachments: [{ id: 0, filename: name }] },
      files: [{ name, data, contentType: audio.mimeType }],
    }),
  );
  return { messageId: sent.id, chatId: sent.channel_id };
}

/** Discord's poll object on a message create; refuses what Discord would refuse, with the limit named. */
export function discordPollPayload(poll: PollRequest): NonNullable<RESTPostAPIChannelMessageJSONBody['poll']> {
  const limits = DISCORD_POLL_LIMITS;
  if (poll.options.length < 2 || poll.options.length > limits.maxAnswers) throw new DiscordSendError(`a Discord poll takes 2 to ${limits.maxAnswers} options (got ${poll.options.length})`, undefined);
  const long = poll.options.find((option) => option.length > limits.answerChars);
  if (long !== undefined) throw new DiscordSendError(`a Discord poll option holds at most ${limits.answerChars} characters: ${JSON.stringify(long.slice(0, 60))}`, undefined);
  if (poll.question.length > limits.questionChars) throw new DiscordSendError(`a Discord poll question holds at most ${limits.questionChars} characters`, undefined);
  const hours = poll.durationSeconds === undefined ? limits.defaultHours : Math.min(limits.maxHours, Math.max(1, Math.ceil(poll.durationSeconds / 3600)));
  return {
    question: { text: poll.question },
    answers: poll.options.map((text) => ({ poll_media: { text } })),
    duration: hours,
    allow_multiselect: (poll.maxSelections ?? 1) > 1,
  };
}

export async function sendDiscordPoll(account: ChannelAccount, to: string, poll: PollRequest): Promise<SentPoll> {
  const sent = await postMessage(account, to, { poll: discordPollPayload(poll) });
  // A Discord poll has no id of its own: it is the message.
  return { messageId: sent.id, chatId: sent.channel_id, pollId: sent.id };
}

/** "typing…" for ~10 s (the reply stream refreshes it while the run lasts). */
export async function sendDiscordTyping(account: ChannelAccount, to: string): Promise<void> {
  const channelId = await channelIdOf(account, to);
  const rest = await discordRest(account);
  await call(() => rest.post(`/channels/${channelId}/typing`));
}
