import type { FeatureMigration } from '../../core/feature.js';

// The channels feature's tables: durable inbound receipt and cursor (no message processed twice or
// lost across a restart), sender pairing (requests and approvals), and each main session's last route.
export const CHANNELS_MIGRATIONS: readonly FeatureMigration[] = [
  {
    id: '001-inbox-pairing-routes',
    up(db) {
      db.exec(`
        CREATE TABLE channel_cursors (
          channel TEXT NOT NULL, account_id TEXT NOT NULL, cursor TEXT NOT NULL, updated_at INTEGER NOT NULL,
          PRIMARY KEY (channel, account_id)
        ) STRICT;
        CREATE TABLE channel_inbox (
          channel TEXT NOT NULL, account_id TEXT NOT NULL, external_id TEXT NOT NULL,
          payload TEXT NOT NULL, state TEXT NOT NULL, received_at INTEGER NOT NULL,
          PRIMARY KEY (channel, account_id, external_id)
        ) STRICT;
        CREATE TABLE channel_pairing_requests (
          channel TEXT NOT NULL, account_id TEXT NOT NULL, code TEXT NOT NULL, sender_id TEXT NOT NULL,
          sender_label TEXT NOT NULL, reply_target TEXT NOT NULL,
          created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
          PRIMARY KEY (channel, account_id, code)
        ) STRICT;
        CREATE TABLE channel_approved_senders (
          channel TEXT NOT NULL, account_id TEXT NOT NULL, sender_id TEXT NOT NULL,
          approved_at INTEGER NOT NULL, approved_by TEXT NOT NULL,
          PRIMARY KEY (channel, account_id, sender_id)
        ) STRICT;
        CREATE TABLE channel_last_routes (
          session_key TEXT PRIMARY KEY, channel TEXT NOT NULL, account_id TEXT NOT NULL, target TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    // The pruning of done receipts reads by age; without this it scanned the account's whole inbox.
    id: '002-inbox-age-index',
    up(db) {
      db.exec('CREATE INDEX channel_inbox_by_age ON channel_inbox (channel, account_id, state, received_at)');
    },
  },
  {
    // A cursor per chat (Discord: the last message id per channel), so a message writes its own
    // chat's row instead of the account's whole cursor (up to 200 channels as one JSON) each time.
    // Discord's stored channels move here; its account cursor keeps the gateway session.
    id: '003-chat-cursors',
    up(db) {
      db.exec(`
        CREATE TABLE channel_chat_cursors (
          channel TEXT NOT NULL, account_id TEXT NOT NULL, chat_id TEXT NOT NULL, cursor TEXT NOT NULL, updated_at INTEGER NOT NULL,
          PRIMARY KEY (channel, account_id, chat_id)
        ) STRICT;
        INSERT INTO channel_chat_cursors (channel, account_id, chat_id, cursor, updated_at)
          SELECT c.channel, c.account_id, j.key, j.value, c.updated_at FROM channel_cursors AS c, json_each(c.cursor, '$.channels') AS j
          WHERE c.channel = 'discord' AND json_valid(c.cursor) AND json_type(c.cursor, '$.channels') = 'object' AND j.type = 'object';
        UPDATE channel_cursors SET cursor = json_remove(cursor, '$.channels') WHERE channel = 'discord' AND json_valid(cursor);
      `);
    },
  },
];
