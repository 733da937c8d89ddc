import type { SessionInfo } from '@discordjs/ws';
import { compareSnowflakes } from './discord-messages.js';

/** Channels remembered for catch-up after a fresh IDENTIFY; the least recently active are forgotten. */
const MAX_REMEMBERED_CHANNELS = 200;

/**
 * What a Discord account keeps across gateway restarts, written in the same transaction as the
 * messages it covers: the gateway session (the account's inbox cursor), so a restart can RESUME and
 * have Discord replay what it missed, and the last message id per channel (one chat cursor row
 * each, written only when that channel moves), so that after a fresh IDENTIFY (the session
 * expired) the missed messages can be fetched by REST.
 */
export interface DiscordCursor {
  session: SessionInfo | null;
  /** channel id → { last message id, guild id (absent for DMs) }, least recently active first */
  channels: Map<string, ChannelEntry>;
}

export interface ChannelEntry {
  last: string;
  guild?: string;
}

function parseChannelEntry(stored: string): ChannelEntry | undefined {
  try {
    const entry = JSON.parse(stored) as Partial<ChannelEntry> | null;
    if (typeof entry?.last !== 'string' || !/^\d+$/.test(entry.last)) return undefined;
    return { last: entry.last, ...(typeof entry.guild === 'string' ? { guild: entry.guild } : {}) };
  } catch {
    return undefined;
  }
}

export function parseDiscordCursor(stored: string | undefined, chats: ReadonlyMap<string, string>): DiscordCursor {
  const channels: DiscordCursor['channels'] = new Map();
  for (const [id, text] of chats) {
    const entry = /^\d+$/.test(id) ? parseChannelEntry(text) : undefined;
    if (entry) channels.set(id, entry);
  }
  if (!stored) return { session: null, channels };
  try {
    const parsed = JSON.parse(stored) as Partial<DiscordCursor>;
    const session = parsed.session && typeof parsed.session.sessionId === 'string' && typeof parsed.session.sequence === 'number' ? parsed.session : null;
    return { session, channels };
  } catch {
    return { session: null, channels };
  }
}

/**
 * Records a message id seen in a channel (never moves backwards: a replayed older message leaves
 * it), and in `changes` the chat cursor rows to write: the channel's, and null for one forgotten.
 */
export function advanceChannel(cursor: DiscordCursor, channelId: string, messageId: string, guildId: string | undefined, changes: Map<string, string | null>): void {
  const current = cursor.channels.get(channelId);
  if (current && compareSnowflakes(current.last, messageId) >= 0) return;
  // Re-inserted last, here and in the changes: Map order is the recency order the cap below trims
  // by, and the rows are written in this order (rowid order is recency order there).
  // A Map, not an object: the profile showed delete/re-add and Object.keys on a 50-channel object at 40 µs a message.
  const entry = { last: messageId, ...(guildId ? { guild: guildId } : {}) };
  cursor.channels.delete(channelId);
  cursor.channels.set(channelId, entry);
  changes.delete(channelId);
  changes.set(channelId, JSON.stringify(entry));
  while (cursor.channels.size > MAX_REMEMBERED_CHANNELS) {
    const stale = cursor.channels.keys().next().value as string;
    cursor.channels.delete(stale);
    changes.set(stale, null);
  }
}

/** The account's own cursor: the session only (the channels are chat cursor rows). */
export function serialiseDiscordCursor(cursor: DiscordCursor): string {
  return JSON.stringify({ session: cursor.session });
}
