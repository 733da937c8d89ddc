import type { Update } from 'grammy/types';
import { normaliseSenderId } from '../access-policy.js';
import type { ChatKind, InboundImage, InboundMessage } from '../channel-plugin.js';

export interface BotIdentity {
  readonly id: number;
  readonly username: string;
}

function chatKindOf(type: string): ChatKind {
  return type === 'private' ? 'dm' : type === 'channel' ? 'channel' : 'group';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Message = NonNullable<Update['message']>;

/** A photo (its largest size) or a document Telegram calls an image. */
function imagesOf(message: Message, image: ImageSource): InboundImage[] {
  const images: InboundImage[] = [];
  const largest = message.photo?.at(-1);
  if (largest) images.push(image(largest.file_id, { fileName: 'photo.jpg', mimeType: 'image/jpeg', ...(largest.file_size !== undefined ? { size: largest.file_size } : {}) }));
  const document = message.document;
  if (document?.mime_type?.startsWith('image/')) {
    images.push(image(document.file_id, { mimeType: document.mime_type, ...(document.file_name ? { fileName: document.file_name } : {}), ...(document.file_size !== undefined ? { size: document.file_size } : {}) }));
  }
  return images;
}

/** Makes the download of one Telegram file (telegram-files.ts). */
export type ImageSource = (fileId: string, meta: { fileName?: string; mimeType?: string; size?: number }) => InboundImage;

/** One Bot API update as an inbound message; undefined for what the gateway does not answer (bots, joins, edits). */
export function inboundFromUpdate(update: Update, accountId: string, bot: BotIdentity, image?: ImageSource): InboundMessage | undefined {
  const message = update.message;
  if (!message?.from || message.from.is_bot) return undefined;
  const images = image ? imagesOf(message, image) : [];
  const voice = message.voice !== undefined || message.audio !== undefined;
  // No speech to text yet: the agent learns a voice note came, and its caption if it had one.
  const raw = message.text ?? message.caption ?? (images.length > 0 ? '' : message.photo ? '[photo]' : voice ? '[voice message]' : undefined);
  if (raw === undefined) return undefined;
  const mentionPattern = new RegExp(`@${escapeRegExp(bot.username)}\\b`, 'gi');
  const repliedToBot = message.reply_to_message?.from?.id === bot.id;
  const mentioned = repliedToBot || mentionPattern.test(raw);
  const text = raw.replace(mentionPattern, '').trim() || raw.trim() || '(sent a photo)';
  const from = message.from;
  const label = [from.first_name, from.last_name].filter(Boolean).join(' ') || (from.username ? `@${from.username}` : String(from.id));
  const chatKind = chatKindOf(message.chat.type);
  return {
    channel: 'telegram',
    accountId,
    externalId: String(update.update_id),
    chat: { kind: chatKind, id: String(message.chat.id), ...('title' in message.chat && message.chat.title ? { title: message.chat.title } : {}) },
    sender: { id: normaliseSenderId(from.id), label: from.username ? `${label} (@${from.username})` : label },
    text,
    ...(images.length > 0 ? { images } : {}),
    ...(voice ? { voice } : {}),
    mentioned,
    replyTarget: String(message.chat.id),
  };
}
