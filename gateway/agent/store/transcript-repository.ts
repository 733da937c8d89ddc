import { prepared, type Database } from '../../core/store/database.js';

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

/** Transcript rows, written as each message completes so a crash never leaves half a row. */
export class TranscriptRepository {
  constructor(private readonly db: Database) {}

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

  /** Everything the model should still see for this session, oldest first. */
  context(sessionKey: string, sessionId: string): TranscriptMessage[] {
    const rows = prepared(this.db, 'SELECT * FROM transcript_messages WHERE session_key = ? AND session_id = ? AND compacted = 0 ORDER BY id')
      .all(sessionKey, sessionId) as unknown as MessageRow[];
    return rows.map(toMessage);
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
    return Number(prepared(this.db, 'DELETE FROM transcript_messages WHERE session_key = ?').run(sessionKey).changes);
  }
}
