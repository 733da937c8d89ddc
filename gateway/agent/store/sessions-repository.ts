import { prepared, type Database } from '../../core/store/database.js';

/** Per-session overrides set with sessions.patch. */
export interface SessionSettings {
  model?: string;
  thinkingLevel?: string;
  verboseLevel?: string;
  reasoningLevel?: string;
  responseUsage?: string;
  elevatedLevel?: string;
  sendPolicy?: string;
  groupActivation?: string;
}

export interface SessionRecord {
  sessionKey: string;
  sessionId: string;
  agentId: string;
  label?: string;
  settings: SessionSettings;
  compactedSummary?: string;
  createdAtMs: number;
  updatedAtMs: number;
}

interface SessionRow {
  session_key: string;
  session_id: string;
  agent_id: string;
  label: string | null;
  settings: string;
  compacted_summary: string | null;
  created_at: number;
  updated_at: number;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    sessionKey: row.session_key,
    sessionId: row.session_id,
    agentId: row.agent_id,
    label: row.label ?? undefined,
    settings: JSON.parse(row.settings) as SessionSettings,
    compactedSummary: row.compacted_summary ?? undefined,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
  };
}

export class SessionsRepository {
  constructor(private readonly db: Database) {}

  get(sessionKey: string): SessionRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM sessions WHERE session_key = ?').get(sessionKey) as SessionRow | undefined;
    return row ? toSession(row) : undefined;
  }

  bySessionId(sessionId: string): SessionRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as SessionRow | undefined;
    return row ? toSession(row) : undefined;
  }

  /** Newest first. */
  list(): SessionRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM sessions ORDER BY updated_at DESC').all() as unknown as SessionRow[];
    return rows.map(toSession);
  }

  count(agentId?: string): number {
    const row = (
      agentId === undefined
        ? prepared(this.db, 'SELECT COUNT(*) AS n FROM sessions').get()
        : prepared(this.db, 'SELECT COUNT(*) AS n FROM sessions WHERE agent_id = ?').get(agentId)
    ) as { n: number };
    return row.n;
  }

  save(session: SessionRecord): void {
    prepared(this.db, 
        `INSERT INTO sessions (session_key, session_id, agent_id, label, settings, compacted_summary, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(session_key) DO UPDATE SET session_id = excluded.session_id, agent_id = excluded.agent_id,
           label = excluded.label, settings = excluded.settings, compacted_summary = excluded.compacted_summary,
           updated_at = excluded.updated_at`,
      )
      .run(
        session.sessionKey,
        session.sessionId,
        session.agentId,
        session.label ?? null,
        JSON.stringify(session.settings),
        session.compactedSummary ?? null,
        session.createdAtMs,
        session.updatedAtMs,
      );
  }

  touch(sessionKey: string, at: number): void {
    prepared(this.db, 'UPDATE sessions SET updated_at = ? WHERE session_key = ?').run(at, sessionKey);
  }

  delete(sessionKey: string): boolean {
    return Number(prepared(this.db, 'DELETE FROM sessions WHERE session_key = ?').run(sessionKey).changes) > 0;
  }
}
