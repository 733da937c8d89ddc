import { actorId, parseActor, type ApprovalActor } from './approval-actor.js';
import { prepared, type Database } from '../../core/store/database.js';

export interface ApprovalRecordRow {
  id: string;
  request: unknown;
  status: 'pending' | 'resolved' | 'expired' | 'cancelled';
  createdAtMs: number;
  expiresAtMs: number;
  decision?: string;
  /** actorId() of who decided; older records hold the display name they claimed. */
  resolvedBy?: string;
  resolvedByActor?: ApprovalActor;
  resolvedAtMs?: number;
}

interface RecordRow {
  id: string;
  request: string;
  status: ApprovalRecordRow['status'];
  created_at: number;
  expires_at: number;
  decision: string | null;
  resolved_by: string | null;
  resolved_by_actor: string | null;
  resolved_at: number | null;
}

export interface ProvenanceRow {
  entryId: string;
  scope: string;
  agentId: string;
  /** actorId() of who added it; older rows hold the display name they claimed. */
  addedBy: string;
  addedByActor?: ApprovalActor;
  addedAtMs: number;
  approvalId?: string;
  /** allow-always: the extra environment the command was approved with (matches only it). */
  env?: Record<string, string>;
}

/** Exec policy documents (per scope: the gateway, or one node), allowlist provenance, approvals. */
export class ExecApprovalsRepository {
  constructor(private readonly db: Database) {}

  document(scope: string): { document: unknown; updatedAtMs: number } | undefined {
    const row = prepared(this.db, 'SELECT document, updated_at FROM exec_approval_documents WHERE scope = ?').get(scope) as
      | { document: string; updated_at: number }
      | undefined;
    return row ? { document: JSON.parse(row.document) as unknown, updatedAtMs: row.updated_at } : undefined;
  }

  saveDocument(scope: string, document: unknown, at: number): void {
    prepared(this.db, 
        `INSERT INTO exec_approval_documents (scope, document, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(scope) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
      )
      .run(scope, JSON.stringify(document), at);
  }

  recordProvenance(row: Omit<ProvenanceRow, 'addedBy'> & { addedBy: ApprovalActor }): void {
    prepared(this.db, 
        `INSERT OR REPLACE INTO exec_allowlist_provenance (entry_id, scope, agent_id, added_by, added_by_actor, added_at, approval_id, pinned_env)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.entryId,
        row.scope,
        row.agentId,
        actorId(row.addedBy),
        JSON.stringify(row.addedBy),
        row.addedAtMs,
        row.approvalId ?? null,
        row.env && Object.keys(row.env).length > 0 ? JSON.stringify(row.env) : null,
      );
  }

  provenance(scope: string): ProvenanceRow[] {
    const rows = prepared(
      this.db,
      'SELECT entry_id, scope, agent_id, added_by, added_by_actor, added_at, approval_id, pinned_env FROM exec_allowlist_provenance WHERE scope = ?',
    ).all(scope) as {
      entry_id: string;
      scope: string;
      agent_id: string;
      added_by: string;
      added_by_actor: string | null;
      added_at: number;
      approval_id: string | null;
      pinned_env: string | null;
    }[];
    return rows.map((row) => {
      const addedByActor = parseActor(row.added_by_actor);
      return {
        entryId: row.entry_id,
        scope: row.scope,
        agentId: row.agent_id,
        addedBy: row.added_by,
        ...(addedByActor ? { addedByActor } : {}),
        addedAtMs: row.added_at,
        ...(row.approval_id ? { approvalId: row.approval_id } : {}),
        ...(row.pinned_env ? { env: JSON.parse(row.pinned_env) as Record<string, string> } : {}),
      };
    });
  }

  insertApproval(record: ApprovalRecordRow): void {
    prepared(this.db, 'INSERT INTO exec_approvals (id, request, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.id, JSON.stringify(record.request), record.status, record.createdAtMs, record.expiresAtMs);
  }

  finishApproval(id: string, status: ApprovalRecordRow['status'], decision: string | undefined, resolvedBy: ApprovalActor | undefined, at: number): void {
    prepared(this.db, `UPDATE exec_approvals SET status = ?, decision = ?, resolved_by = ?, resolved_by_actor = ?, resolved_at = ? WHERE id = ? AND status = 'pending'`)
      .run(status, decision ?? null, resolvedBy ? actorId(resolvedBy) : null, resolvedBy ? JSON.stringify(resolvedBy) : null, at, id);
  }

  approval(id: string): ApprovalRecordRow | undefined {
    const row = prepared(this.db, 'SELECT * FROM exec_approvals WHERE id = ?').get(id) as RecordRow | undefined;
    if (!row) return undefined;
    const resolvedByActor = parseActor(row.resolved_by_actor);
    return {
      id: row.id,
      request: JSON.parse(row.request) as unknown,
      status: row.status,
      createdAtMs: row.created_at,
      expiresAtMs: row.expires_at,
      ...(row.decision ? { decision: row.decision } : {}),
      ...(row.resolved_by ? { resolvedBy: row.resolved_by } : {}),
      ...(resolvedByActor ? { resolvedByActor } : {}),
      ...(row.resolved_at !== null ? { resolvedAtMs: row.resolved_at } : {}),
    };
  }

  /** Approvals a previous process left pending: nobody waits for them any more. */
  expireLeftovers(at: number): number {
    return Number(
      prepared(this.db, `UPDATE exec_approvals SET status = 'expired', resolved_at = ? WHERE status = 'pending'`).run(at).changes,
    );
  }
}
