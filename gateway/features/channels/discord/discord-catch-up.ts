import type { REST } from '@discordjs/rest';
import type { APIMessage } from 'discord-api-types/v10';
import type { DiscordCursor } from './discord-cursor.js';
import { compareSnowflakes, type DiscordMessage } from './discord-messages.js';

/** Discord's page size for GET /channels/:id/messages. */
const PAGE = 100;
/** Pages per channel: of a chat with more than 500 messages in the gap, the oldest 500 are answered. */
const MAX_PAGES = 5;
/** Channels asked at once (each is its own rate-limit bucket, the REST client queues per bucket). */
const PARALLEL = 4;

/**
 * After a fresh IDENTIFY (a new session: Discord replays nothing) fetch what was written since the
 * last message id stored for each remembered channel, oldest first. A channel the bot never saw a
 * message in before the gap (a first DM from a new person while the gateway was down) is not
 * remembered, and what was written there during the gap is not fetched: Discord gives bots no
 * list of DM channels. Messages fetched by REST carry no guild_id; the stored one is put back.
 */
export async function fetchMissedMessages(rest: REST, cursor: DiscordCursor, signal: AbortSignal): Promise<DiscordMessage[]> {
  const channels = [...cursor.channels];
  const missed: DiscordMessage[] = [];
  for (let i = 0; i < channels.length && !signal.aborted; i += PARALLEL) {
    const batch = channels.slice(i, i + PARALLEL);
    const results = await Promise.all(batch.map(async ([channelId, entry]) => fetchChannel(rest, channelId, entry.last, signal).then((messages) => messages.map((message) => ({ ...message, ...(entry.guild ? { guild_id: entry.guild } : {}) })))));
    for (const messages of results) missed.push(...messages);
  }
  return missed;
}

async function fetchChannel(rest: REST, channelId: string, after: string, signal: AbortSignal): Promise<APIMessage[]> {
  const found: APIMessage[] = [];
  let cursor = after;
  for (let page = 0; page < MAX_PAGES && !signal.aborted; page += 1) {
    let messages: APIMessage[];
    try {
      messages = (await rest.get(`/channels/${channelId}/messages`, { query: new URLSearchParams({ after: cursor, limit: String(PAGE) }), signal })) as APIMessage[];
    } catch {
      // The bot lost access to that channel (or it was deleted): nothing to fetch there.
      return found;
    }
    // Discord answers newest first; handle them in the order they were written.
    const ordered = [...messages].sort((a, b) => compareSnowflakes(a.id, b.id));
    found.push(...ordered);
    const newest = ordered.at(-1);
    if (!newest || messages.length < PAGE) break;
    cursor = newest.id;
  }
  return found;
}
