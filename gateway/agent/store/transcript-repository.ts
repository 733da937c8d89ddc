import { prepared, type Database } from '../../core/store/database.js';
import { deepFreeze, TranscriptContextCache } from './transcript-context-cache.js';

/** Content parts in the display form OpenClaw clients render. */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string }
  | { type: 'image'; mimeType: string; data: string }
  | { type: 'toolCall'; id: string; name: string; arguments: unknown }
  | { type: 'toolResult'; toolCallId: string; name: string; result: unknown; isError: boolean };

export type TranscriptRole = 'user' | 'assistant' | 'tool' | 'system';

export interface MessageMeta {
  stopReason?: string;
  usage?: { inputTokens: number; outputTokens: number; cacheReadTokens?: number; cacheWriteTokens?: number };
  model?: string;
  provider?: string;
  aborted?: boolean;
  errorMessage?: string;
  /** The gateway stopped while this reply was being written; the run was resumed after it. */
  interrupted?: boolean;
}

export interface TranscriptMessage {
  id: number;
  sessionKey: string;
  sessionId: string;
  runId?: string;
  role: TranscriptRole;
  content: ContentPart[];
  meta: MessageMeta;
  ts: number;
  compacted: boolean;
}

interface MessageRow {
  id: number;
  session_key: string;
  session_id: string;
  run_id: string | null;
  role: TranscriptRole;
  content: string;
  meta: string;
  ts: number;
  compacted: number;
}

function toMessage(row: MessageRow): TranscriptMessage {
  return {
    id: row.id,
    sessionKey: row.session_key,
    sessionId: row.session_id,
    runId: row.run_id ?? undefined,
    role: row.role,
    content: JSON.parse(row.content) as ContentPart[],
    meta: JSON.parse(row.meta) as MessageMeta,
    ts: row.ts,
    compacted: row.compacted === 1,
  };
}

/** Rows as context() shares them: parsed once and frozen, with the length of their stored JSON (the cache's bound). */
function toSharedMessages(rows: readonly MessageRow[]): { messages: TranscriptMessage[]; jsonChars: number } {
  let jsonChars = 0;
  const messages = rows.map((row) => {
    jsonChars += row.content.length + row.meta.length;
    return deepFreeze(toMessage(row));
  });
  return { messages, jsonChars };
}

/** Transcript rows, written as each message completes so a crash never leaves half a row. */
export class TranscriptRepository {
  constructor(
    private readonly db: Database,
    private readonly contextCache = new TranscriptContextCache(),
  ) {}

  append(message: Omit<TranscriptMessage, 'id' | 'compacted'>): number {
    const result = prepared(this.db, 
        `INSERT INTO transcript_messages (session_key, session_id, run_id, role, content, meta, ts)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        message.sessionKey,
        message.sessionId,
        message.runId ?? null,
        message.role,
        JSON.stringify(message.content),
        JSON.stringify(message.meta),
        message.ts,
      );
    return Number(result.lastInsertRowid);
  }

  /** The newest `limit` messages before `beforeId` (all when absent), oldest first. */
  page(sessionKey: string, sessionId: string, options: { beforeId?: number; limit: number; includeCompacted?: boolean }): TranscriptMessage[] {
    const rows = prepared(this.db, 
        `SELECT * FROM transcript_messages
         WHERE session_key = ? AND session_id = ? AND id < ? AND (compacted = 0 OR ? = 1)
         ORDER BY id DESC LIMIT ?`,
      )
      .all(sessionKey, sessionId, options.beforeId ?? Number.MAX_SAFE_INTEGER, options.includeCompacted ? 1 : 0, options.limit) as unknown as MessageRow[];
    return rows.map(toMessage).reverse();
  }

  /**
   * Everything the model should still see for this session, oldest first: a new array each call,
   * of frozen rows shared with later calls.
   *
   * Each row is parsed once: the cache keeps what the last read returned, and the next read takes
   * only the rows after it, checked against the database in the same statement (one snapshot).
   * The check is exact because of how rows change: ids are AUTOINCREMENT, so a new row never
   * takes an id at or below a committed one (not even a deleted one's); a row is never edited,
   * except that it may leave the live set (markCompacted; deleteSession and cron retention's
   * DELETE remove it), and it never comes back. So the live rows up to the cache's last id are
   * some of the cached ones, and all of them exactly when the live count is the cached count plus
   * the newer rows. If not, everything is read again.
   *
   * The cache is filled only outside a transaction, where every row read is committed. A row read
   * inside one may be rolled back (ROLLBACK, or ROLLBACK TO a savepoint) and its id handed to a
   * different row: a read inside a transaction uses the cache but never fills it.
   */
  context(sessionKey: string, sessionId: string): TranscriptMessage[] {
    // `isTransaction` is SQLite's own autocommit flag, so it sees any BEGIN or SAVEPOINT. Runtimes
    // before Node 22.16 lack it (undefined): there the cache is never filled, and never wrong.
    const mayFill = this.db.isTransaction === false;
    const cached = this.contextCache.get(sessionKey, sessionId);
    if (cached) {
      const { live, rows } = this.liveAfter(sessionKey, sessionId, cached.lastId);
      if (live === cached.messages.length + rows.length) {
        const newer = toSharedMessages(rows);
        const messages = cached.messages.concat(newer.messages);
        if (mayFill) this.contextCache.extend(sessionKey, sessionId, newer.messages, newer.jsonChars);
        return messages;
      }
      this.contextCache.forget(sessionKey);
    }
    const rows = prepared(this.db, 'SELECT * FROM transcript_messages WHERE session_key = ? AND session_id = ? AND compacted = 0 ORDER BY id')
      .all(sessionKey, sessionId) as unknown as MessageRow[];
    const all = toSharedMessages(rows);
    if (mayFill) this.contextCache.set(sessionKey, sessionId, all.messages, all.jsonChars);
    return all.messages;
  }

  /** How many rows of the session are live, and the live ones after `lastId`, read in one statement. */
  private liveAfter(sessionKey: string, sessionId: string, lastId: number): { live: number; rows: MessageRow[] } {
    type LiveAfterRow = { live_count: number } & (MessageRow | { id: null });
    // The one-row count on the left keeps a row in the result when nothing is newer (id NULL).
    const result = prepared(this.db,
        `SELECT live.n AS live_count, t.* FROM
           (SELECT COUNT(*) AS n FROM transcript_messages WHERE session_key = ?1 AND session_id = ?2 AND compacted = 0) AS live
           LEFT JOIN transcript_messages AS t ON t.session_key = ?1 AND t.session_id = ?2 AND t.compacted = 0 AND t.id > ?3
         ORDER BY t.id`,
      )
      .all(sessionKey, sessionId, lastId) as unknown as LiveAfterRow[];
    return { live: result[0]?.live_count ?? 0, rows: result.filter((row): row is LiveAfterRow & MessageRow => row.id !== null) };
  }

  /** Whether a run's user message is in the transcript (it is written when the run starts). */
  hasUserMessageOf(runId: string): boolean {
    return prepared(this.db, `SELECT 1 FROM transcript_messages WHERE run_id = ? AND role = 'user' LIMIT 1`).get(runId) !== undefined;
  }

  count(sessionKey: string, sessionId: string): number {
    const row = prepared(this.db, 'SELECT COUNT(*) AS n FROM transcript_messages WHERE session_key = ? AND session_id = ? AND compacted = 0')
      .get(sessionKey, sessionId) as { n: number };
    return row.n;
  }

  last(sessionKey: string, sessionId: string): TranscriptMessage | undefined {
    const row = prepared(this.db, 'SELECT * FROM transcript_messages WHERE session_key = ? AND session_id = ? ORDER BY id DESC LIMIT 1')
      .get(sessionKey, sessionId) as MessageRow | undefined;
    return row ? toMessage(row) : undefined;
  }

  firstUserText(sessionKey: string, sessionId: string): string | undefined {
    const row = prepared(this.db, `SELECT * FROM transcript_messages WHERE session_key = ? AND session_id = ? AND role = 'user' ORDER BY id LIMIT 1`)
      .get(sessionKey, sessionId) as MessageRow | undefined;
    const part = row ? toMessage(row).content.find((p) => p.type === 'text') : undefined;
    return part?.type === 'text' ? part.text : undefined;
  }

  markCompacted(sessionKey: string, sessionId: string, upToId: number): number {
    const result = prepared(this.db, 'UPDATE transcript_messages SET compacted = 1 WHERE session_key = ? AND session_id = ? AND id <= ? AND compacted = 0')
      .run(sessionKey, sessionId, upToId);
    return Number(result.changes);
  }

  deleteSession(sessionKey: string): number {
    // Only to free the memory now: context() would notice the deletion on its own.
    this.contextCache.forget(sessionKey);
    return Number(prepared(this.db, 'DELETE FROM transcript_messages WHERE session_key = ?').run(sessionKey).changes);
  }
}
