import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../gateway/core/store/database.js';
import { applyFeatureMigrations } from '../../../gateway/core/store/feature-migrations.js';
import { ChannelInboxRepository } from '../../../gateway/features/channels/channel-inbox-repository.js';
import { CHANNELS_MIGRATIONS } from '../../../gateway/features/channels/channels-migrations.js';
import { advanceChannel, parseDiscordCursor, serialiseDiscordCursor } from '../../../gateway/features/channels/discord/discord-cursor.js';

// The Discord cursor in SQLite: the session in the account's cursor, one row per channel, written
// only when that channel moves; what a restart reads back is what the running account had.

const SESSION = { sessionId: 'abc', sequence: 41, shardId: 0, shardCount: 1, resumeURL: 'wss://gateway.example' };
const channelId = (n: number) => String(100_000_000_000_000_000n + BigInt(n));

describe('Discord chat cursors', () => {
  let db: Database;
  beforeEach(() => (db = openDatabase(':memory:')));
  afterEach(() => db.close());

  it('moves the channels of a cursor stored as one JSON into rows, in recency order, keeping the session', () => {
    applyFeatureMigrations(db, 'channels', CHANNELS_MIGRATIONS.slice(0, 2));
    const old = { session: SESSION, channels: { [channelId(2)]: { last: '900', guild: '7' }, [channelId(1)]: { last: '800' } } };
    db.prepare("INSERT INTO channel_cursors (channel, account_id, cursor, updated_at) VALUES ('discord', 'default', ?, 5)").run(JSON.stringify(old));
    applyFeatureMigrations(db, 'channels', CHANNELS_MIGRATIONS);

    const inbox = new ChannelInboxRepository(db).forAccount('discord', 'default');
    const cursor = parseDiscordCursor(inbox.cursor(), inbox.chatCursors());
    expect(cursor.session).toEqual(SESSION);
    expect([...cursor.channels]).toEqual([
      [channelId(2), { last: '900', guild: '7' }],
      [channelId(1), { last: '800' }],
    ]);
    expect(JSON.parse(inbox.cursor()!)).toEqual({ session: SESSION });
  });

  it('writes only the channel a message moved, forgets the least recent past 200, and reads back the same', () => {
    applyFeatureMigrations(db, 'channels', CHANNELS_MIGRATIONS);
    const inbox = new ChannelInboxRepository(db).forAccount('discord', 'default');
    const cursor = parseDiscordCursor(undefined, new Map());
    cursor.session = SESSION;
    for (let n = 1; n <= 200; n += 1) {
      const moved = new Map<string, string | null>();
      advanceChannel(cursor, channelId(n), String(1000 + n), undefined, moved);
      inbox.accept([], serialiseDiscordCursor(cursor), moved);
    }

    const moved = new Map<string, string | null>();
    advanceChannel(cursor, channelId(5), '5000', '9', moved);
    advanceChannel(cursor, channelId(6), '1', undefined, moved); // an older id (a replay): no change
    expect([...moved]).toEqual([[channelId(5), JSON.stringify({ last: '5000', guild: '9' })]]);
    inbox.accept([{ externalId: '5000', payload: {} }], serialiseDiscordCursor(cursor), moved);

    const overflow = new Map<string, string | null>();
    advanceChannel(cursor, channelId(201), '7000', undefined, overflow);
    expect([...overflow]).toEqual([
      [channelId(201), JSON.stringify({ last: '7000' })],
      [channelId(1), null],
    ]);
    inbox.accept([], serialiseDiscordCursor(cursor), overflow);

    const restarted = parseDiscordCursor(inbox.cursor(), inbox.chatCursors());
    expect(restarted.session).toEqual(SESSION);
    expect([...restarted.channels]).toEqual([...cursor.channels]);
    expect(restarted.channels.has(channelId(1))).toBe(false);
    expect([...restarted.channels.keys()].slice(-2)).toEqual([channelId(5), channelId(201)]);
  });
});
