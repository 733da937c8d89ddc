import type { Update } from 'grammy/types';
import { normaliseSenderId } from '../access-policy.js';
import type { ChatKind, InboundMessage } from '../channel-plugin.js';

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

/** One Bot API update as an inbound message; undefined for what the gateway does not answer (bots, joins, edits). */
export function inboundFromUpdate(update: Update, accountId: string, bot: BotIdentity): InboundMessage | undefined {
  const message = update.message;
  if (!message?.from || message.from.is_bot) return undefined;
  const raw = message.text ?? message.caption ?? (message.photo ? '[photo]' : undefined);
  if (raw === undefined) return undefined;
  const mentionPattern = new RegExp(`@${escapeRegExp(bot.username)}\\b`, 'gi');
  const repliedToBot = message.reply_to_message?.from?.id === bot.id;
  const mentioned = repliedToBot || mentionPattern.test(raw);
  const text = raw.replace(mentionPattern, '').trim() || raw.trim();
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
    mentioned,
    replyTarget: String(message.chat.id),
  };
}
