import { prepared, type Database } from '../../core/store/database.js';

export type RunKind = 'agent' | 'chat';
export type RunStatus = 'queued' | 'running' | 'ok' | 'error' | 'timeout';

export interface RunRecord {
  runId: string;
  kind: RunKind;
  sessionKey: string;
  agentId: string;
  status: RunStatus;
  acceptedAtMs: number;
  startedAtMs?: number;
  endedAtMs?: number;
  stopReason?: string;
  error?: string;
  /** The run's result once finished, so a duplicate after a restart is answered from it. */
  outcome?: unknown;
  /** What the client asked for, kept until the run finishes so a crash cannot lose it. */
  request?: unknown;
}

interface RunRow {
  run_id: string;
  kind: RunKind;
  session_key: string;
  agent_id: string;
  status: RunStatus;
  accepted_at: number;
  started_at: number | null;
  ended_at: number | null;
  stop_reason: string | null;
  error: string | null;
  outcome: string | null;
  request: string | null;
}

function toRun(row: RunRow): RunRecord {
  return {
    runId: row.run_id,
    kind: row.kind,
    sessionKey: row.session_key,
    agentId: row.agent_id,
    status: row.status,
    acceptedAtMs: row.accepted_at,
    startedAtMs: row.started_at ?? undefined,
    endedAtMs: row.ended_at ?? undefined,
    stopReason: row.stop_reason ?? undefined,
    error: row.error ?? undefined,
    outcome: row.outcome ? (JSON.parse(row.outcome) as unknown) : undefined,
    request: row.request ? (JSON.parse(row.request) as unknown) : undefined,
  };
}

export class RunsRepository {
  constructor(private readonly db: Database) {}

  /** Written before the run is acknowledged: from here on a crash re-queues it. */
  insert(run: RunRecord): void {
    prepared(this.db,
        `INSERT INTO agent_runs (run_id, kind, session_key, agent_id, status, accepted_at, request) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(kind, run_id) DO UPDATE SET session_key = excluded.session_key, agent_id = excluded.agent_id,
           status = excluded.status, accepted_at = excluded.accepted_at, started_at = NULL, ended_at = NULL,
           stop_reason = NULL, error = NULL, outcome = NULL, request = excluded.request`,
      )
      .run(run.runId, run.kind, run.sessionKey, run.agentId, run.status, run.acceptedAtMs, run.request === undefined ? null : JSON.stringify(run.request));
  }

  started(kind: RunKind, runId: string, at: number): void {
    prepared(this.db, `UPDATE agent_runs SET status = 'running', started_at = ? WHERE kind = ? AND run_id = ?`).run(at, kind, runId);
  }

  finished(kind: RunKind, runId: string, fields: { status: RunStatus; at: number; stopReason?: string; error?: string; outcome?: unknown }): void {
    // The request is dropped: the transcript holds the message now.
    prepared(this.db, 'UPDATE agent_runs SET status = ?, ended_at = ?, stop_reason = ?, error = ?, outcome = ?, request = NULL WHERE kind = ? AND run_id = ?')
      .run(
        fields.status,
        fields.at,
        fields.stopReason ?? null,
        fields.error ?? null,
        fields.outcome === undefined ? null : JSON.stringify(fields.outcome),
        kind,
        runId,
      );
  }

  get(kind: RunKind, runId: string): RunRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM agent_runs WHERE kind = ? AND run_id = ?').get(kind, runId) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Any run with this id, whichever entry point started it. */
  find(runId: string): RunRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM agent_runs WHERE run_id = ? ORDER BY accepted_at DESC LIMIT 1').get(runId) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Runs a previous process acknowledged and did not finish, oldest first. */
  unfinished(): RunRecord[] {
    const rows = prepared(this.db, `SELECT * FROM agent_runs WHERE status IN ('queued', 'running') ORDER BY accepted_at, rowid`).all() as unknown as RunRow[];
    return rows.map(toRun);
  }
}
