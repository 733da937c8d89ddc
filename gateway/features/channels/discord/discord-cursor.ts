import type { SessionInfo } from '@discordjs/ws';
import { compareSnowflakes } from './discord-messages.js';

/** Channels remembered for catch-up after a fresh IDENTIFY; the least recently active are forgotten. */
const MAX_REMEMBERED_CHANNELS = 200;

/**
 * What a Discord account keeps across gateway restarts, stored as its inbox cursor (written in the
 * same transaction as the messages it covers): the gateway session, so a restart can RESUME and
 * have Discord replay what it missed, and the last message id per channel, so that after a fresh
 * IDENTIFY (the session expired) the missed messages can be fetched by REST.
 */
export interface DiscordCursor {
  session: SessionInfo | null;
  /** channel id → { last message id, guild id (absent for DMs) } */
  channels: Record<string, { last: string; guild?: string }>;
}

export function parseDiscordCursor(stored: string | undefined): DiscordCursor {
  if (!stored) return { session: null, channels: {} };
  try {
    const parsed = JSON.parse(stored) as Partial<DiscordCursor>;
    const session = parsed.session && typeof parsed.session.sessionId === 'string' && typeof parsed.session.sequence === 'number' ? parsed.session : null;
    const channels: DiscordCursor['channels'] = {};
    for (const [id, entry] of Object.entries(parsed.channels ?? {})) {
      if (/^\d+$/.test(id) && typeof entry?.last === 'string' && /^\d+$/.test(entry.last)) channels[id] = { last: entry.last, ...(typeof entry.guild === 'string' ? { guild: entry.guild } : {}) };
    }
    return { session, channels };
  } catch {
    return { session: null, channels: {} };
  }
}

/** Records a message id seen in a channel (never moves backwards: a replayed older message leaves it). */
export function advanceChannel(cursor: DiscordCursor, channelId: string, messageId: string, guildId: string | undefined): void {
  const current = cursor.channels[channelId];
  if (current && compareSnowflakes(current.last, messageId) >= 0) return;
  // Re-inserted last: object key order is the recency order the cap below trims by.
  delete cursor.channels[channelId];
  cursor.channels[channelId] = { last: messageId, ...(guildId ? { guild: guildId } : {}) };
  const ids = Object.keys(cursor.channels);
  for (const stale of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_CHANNELS))) delete cursor.channels[stale];
}

export function serialiseDiscordCursor(cursor: DiscordCursor): string {
  return JSON.stringify(cursor);
}
