import { prepared, transaction, type Database } from '../../core/store/database.js';

const DONE_KEPT_MS = 86_400_000;
const PRUNE_INTERVAL_MS = 60_000;

/** One received message not yet answered. */
export interface InboxEntry {
  readonly externalId: string;
  readonly payload: unknown;
}

/** Chat id → its new cursor, or null to forget the chat. */
export type ChatCursorChanges = ReadonlyMap<string, string | null>;

/**
 * Durable receipt per account: received messages are written with the transport's next cursor in
 * one transaction before anything runs, and marked done once handled. After a restart the cursor
 * asks only for what is new and the pending entries are handled again — none lost, none twice
 * (a duplicate receipt is ignored).
 */
export interface ChannelInbox {
  cursor(): string | undefined;
  /** The per-chat cursors, least recently moved first. */
  chatCursors(): Map<string, string>;
  /** Records new messages and the cursors past them; returns the ones not seen before. */
  accept(entries: readonly InboxEntry[], nextCursor: string, chatCursors?: ChatCursorChanges): InboxEntry[];
  pending(): InboxEntry[];
  done(externalId: string): void;
}

export class ChannelInboxRepository {
  constructor(private readonly db: Database) {}

  forAccount(channel: string, accountId: string): ChannelInbox {
    const db = this.db;
    let prunedAt = 0;
    return {
      cursor: () => (prepared(db, 'SELECT cursor FROM channel_cursors WHERE channel = ? AND account_id = ?').get(channel, accountId) as { cursor: string } | undefined)?.cursor,
      chatCursors: () =>
        new Map(
          (prepared(db, 'SELECT chat_id, cursor FROM channel_chat_cursors WHERE channel = ? AND account_id = ? ORDER BY rowid').all(channel, accountId) as { chat_id: string; cursor: string }[]).map(
            (row) => [row.chat_id, row.cursor],
          ),
        ),
      accept: (entries, nextCursor, chatCursors) =>
        transaction(db, () => {
          const fresh: InboxEntry[] = [];
          const insert = prepared(db, `INSERT OR IGNORE INTO channel_inbox (channel, account_id, external_id, payload, state, received_at) VALUES (?, ?, ?, ?, 'pending', ?)`);
          for (const entry of entries) {
            if (insert.run(channel, accountId, entry.externalId, JSON.stringify(entry.payload), Date.now()).changes > 0) fresh.push(entry);
          }
          prepared(db, `INSERT INTO channel_cursors (channel, account_id, cursor, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (channel, account_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`).run(channel, accountId, nextCursor, Date.now());
          // REPLACE, not an update in place: the row gets a new rowid, and rowid order is recency order.
          for (const [chatId, chatCursor] of chatCursors ?? []) {
            if (chatCursor === null) prepared(db, 'DELETE FROM channel_chat_cursors WHERE channel = ? AND account_id = ? AND chat_id = ?').run(channel, accountId, chatId);
            else prepared(db, 'INSERT OR REPLACE INTO channel_chat_cursors (channel, account_id, chat_id, cursor, updated_at) VALUES (?, ?, ?, ?, ?)').run(channel, accountId, chatId, chatCursor, Date.now());
          }
          return fresh;
        }),
      pending: () =>
        (prepared(db, `SELECT external_id, payload FROM channel_inbox WHERE channel = ? AND account_id = ? AND state = 'pending' ORDER BY received_at, rowid`).all(channel, accountId) as { external_id: string; payload: string }[]).map(
          (row) => ({ externalId: row.external_id, payload: JSON.parse(row.payload) as unknown }),
        ),
      done: (externalId) => {
        prepared(db, `UPDATE channel_inbox SET state = 'done', payload = '{}' WHERE channel = ? AND account_id = ? AND external_id = ?`).run(channel, accountId, externalId);
        // Done receipts only guard against a re-delivery: keep a day of them, pruned once a minute
        // (not per message: the profile of a busy account showed the delete on every one).
        const now = Date.now();
        if (now - prunedAt < PRUNE_INTERVAL_MS) return;
        prunedAt = now;
        prepared(db, `DELETE FROM channel_inbox WHERE channel = ? AND account_id = ? AND state = 'done' AND received_at < ?`).run(channel, accountId, now - DONE_KEPT_MS);
      },
    };
  }

  /** Logout: forget the cursor and what was received. */
  clear(channel: string, accountId: string): boolean {
    const a = prepared(this.db, 'DELETE FROM channel_cursors WHERE channel = ? AND account_id = ?').run(channel, accountId).changes;
    const b = prepared(this.db, 'DELETE FROM channel_inbox WHERE channel = ? AND account_id = ?').run(channel, accountId).changes;
    const c = prepared(this.db, 'DELETE FROM channel_chat_cursors WHERE channel = ? AND account_id = ?').run(channel, accountId).changes;
    return Number(a) + Number(b) + Number(c) > 0;
  }
}
