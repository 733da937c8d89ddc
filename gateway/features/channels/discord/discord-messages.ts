import type { APIAttachment, APIMessage, GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { normaliseSenderId } from '../access-policy.js';
import type { InboundImage, InboundMessage } from '../channel-plugin.js';

export interface DiscordBotIdentity {
  readonly id: string;
  readonly username: string;
}

/** MESSAGE_CREATE from the gateway, or a message fetched by REST (no guild_id on those: see catch-up). */
export type DiscordMessage = (GatewayMessageCreateDispatchData | APIMessage) & { guild_id?: string };

/** Message types a person writes: DEFAULT (0) and REPLY (19); joins, pins, boosts and the like are not answered. */
const ANSWERED_TYPES = new Set([0, 19]);

/** Discord's id order: snowflakes grow with time, and compare as numbers, not strings. */
export function compareSnowflakes(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `<@id>` and the older nickname form `<@!id>`: one bot per account, built once (not twice a message). */
const mentionPatterns = new Map<string, { readonly test: RegExp; readonly all: RegExp }>();
function mentionPattern(botId: string): { readonly test: RegExp; readonly all: RegExp } {
  let patterns = mentionPatterns.get(botId);
  if (!patterns) {
    // `test` without the g flag: a global RegExp's test() carries lastIndex from one call to the next.
    patterns = { test: new RegExp(`<@!?${botId}>`), all: new RegExp(`<@!?${botId}>`, 'g') };
    mentionPatterns.set(botId, patterns);
  }
  return patterns;
}

export function mentionsBot(message: DiscordMessage, bot: DiscordBotIdentity): boolean {
  if (message.mentions?.some((user) => user.id === bot.id)) return true;
  if (mentionPattern(bot.id).test.test(message.content ?? '')) return true;
  // A reply to one of the bot's messages counts as addressing it (like Telegram's reply-to-bot).
  return message.referenced_message?.author?.id === bot.id;
}

function isImage(file: APIAttachment): boolean {
  return file.content_type?.startsWith('image/') === true || /\.(png|jpe?g|gif|webp)$/i.test(file.filename);
}

/**
 * One Discord message as an inbound message; undefined for what the gateway does not answer
 * (bots, webhooks, system messages, empty). With `image`, image attachments are passed on as
 * images (downloaded when handled); other attachments are named in the text.
 */
export function inboundFromDiscordMessage(
  message: DiscordMessage,
  accountId: string,
  bot: DiscordBotIdentity,
  guildIdOfChannel?: string,
  image?: (attachment: APIAttachment) => InboundImage,
): InboundMessage | undefined {
  if (message.author.bot || message.webhook_id || message.author.id === bot.id) return undefined;
  if (!ANSWERED_TYPES.has(message.type)) return undefined;
  const files = message.attachments ?? [];
  const images = image ? files.filter(isImage).map(image) : [];
  const named = files.filter((file) => !image || !isImage(file)).map((file) => `[attachment: ${file.filename}]`);
  const raw = [message.content ?? '', ...named].filter((part) => part.length > 0).join('\n');
  if (raw.trim().length === 0 && images.length === 0) return undefined;
  const guildId = message.guild_id ?? guildIdOfChannel;
  const stripped = raw.replace(mentionPattern(bot.id).all, '').trim();
  const author = message.author;
  const display = author.global_name ?? author.username;
  return {
    channel: 'discord',
    accountId,
    externalId: message.id,
    chat: guildId ? { kind: 'channel', id: message.channel_id } : { kind: 'dm', id: message.channel_id },
    sender: { id: normaliseSenderId(author.id), label: display === author.username ? `@${author.username}` : `${display} (@${author.username})` },
    text: stripped.length > 0 ? stripped : raw.trim() || '(sent an image)',
    ...(images.length > 0 ? { images } : {}),
    mentioned: mentionsBot(message, bot),
    ...(guildId ? { guildId } : {}),
    replyTarget: `channel:${message.channel_id}`,
  };
}
