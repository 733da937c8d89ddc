import { prepared, type Database } from '../../core/store/database.js';

export interface SystemEventRecord {
  id: number;
  ts: number;
  text: string;
  sessionKey?: string;
  source: string;
}

interface SystemEventRow {
  id: number;
  ts: number;
  text: string;
  session_key: string | null;
  source: string;
}

/**
 * The queue of system events (`system-event`) waiting for the next agent turn of their session.
 * Durable, so an acknowledged event survives a crash.
 */
export class SystemEventsRepository {
  constructor(private readonly db: Database) {}

  enqueue(event: Omit<SystemEventRecord, 'id'>): number {
    const result = prepared(this.db, 'INSERT INTO system_events (ts, text, session_key, source) VALUES (?, ?, ?, ?)')
      .run(event.ts, event.text, event.sessionKey ?? null, event.source);
    return Number(result.lastInsertRowid);
  }

  queued(limit = 100): SystemEventRecord[] {
    const rows = prepared(this.db, 'SELECT id, ts, text, session_key, source FROM system_events WHERE consumed_at IS NULL ORDER BY id LIMIT ?')
      .all(limit) as unknown as SystemEventRow[];
    return rows.map((row) => ({
      id: row.id,
      ts: row.ts,
      text: row.text,
      sessionKey: row.session_key ?? undefined,
      source: row.source,
    }));
  }

  queuedCount(): number {
    const row = prepared(this.db, 'SELECT COUNT(*) AS n FROM system_events WHERE consumed_at IS NULL').get() as { n: number };
    return row.n;
  }

  /**
   * Hands the queued events for a session to its next agent turn and marks them consumed.
   * Events without a session key belong to the agent's main session.
   */
  /** How many events `takeForSession` would hand this session now (the same rule, nothing consumed). */
  queuedCountFor(sessionKey: string, isMainSession: boolean): number {
    const row = prepared(this.db, 'SELECT COUNT(*) AS queued FROM system_events WHERE consumed_at IS NULL AND (session_key = ? OR (session_key IS NULL AND ? = 1))')
      .get(sessionKey, isMainSession ? 1 : 0) as { queued: number };
    return row.queued;
  }

  takeForSession(sessionKey: string, isMainSession: boolean, at: number): SystemEventRecord[] {
    const rows = prepared(this.db, 
        `SELECT id, ts, text, session_key, source FROM system_events
         WHERE consumed_at IS NULL AND (session_key = ? OR (session_key IS NULL AND ? = 1)) ORDER BY id`,
      )
      .all(sessionKey, isMainSession ? 1 : 0) as unknown as SystemEventRow[];
    const mark = prepared(this.db, 'UPDATE system_events SET consumed_at = ? WHERE id = ?');
    for (const row of rows) mark.run(at, row.id);
    return rows.map((row) => ({ id: row.id, ts: row.ts, text: row.text, sessionKey: row.session_key ?? undefined, source: row.source }));
  }
}
