import { prepared, type Database } from '../../core/store/database.js';

export type NodePairRequestStatus = 'pending' | 'approved' | 'rejected' | 'superseded';

/** The pending node request of spec §10.3, exactly as broadcast (`node.pair.requested`) and listed. */
export interface NodePairRequest {
  requestId: string;
  nodeId: string;
  displayName?: string;
  platform?: string;
  version?: string;
  coreVersion?: string;
  uiVersion?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  caps: string[];
  commands: string[];
  permissions: Record<string, boolean>;
  remoteIp?: string;
  silent: boolean;
  ts: number;
}

interface RequestRow {
  request: string;
  status: NodePairRequestStatus;
}

/** Node capability requests. Unlike device requests they never expire (spec §10.3). */
export class NodePairRequestsRepository {
  constructor(private readonly db: Database) {}

  insert(request: NodePairRequest): void {
    prepared(this.db, `INSERT INTO node_pair_requests (request_id, node_id, request, status, created_at) VALUES (?, ?, ?, 'pending', ?)`)
      .run(request.requestId, request.nodeId, JSON.stringify(request), request.ts);
  }

  get(requestId: string): { request: NodePairRequest; status: NodePairRequestStatus } | undefined {
    const row = prepared(this.db, 'SELECT request, status FROM node_pair_requests WHERE request_id = ?').get(requestId) as
      | RequestRow
      | undefined;
    return row ? { request: JSON.parse(row.request) as NodePairRequest, status: row.status } : undefined;
  }

  pending(): NodePairRequest[] {
    const rows = prepared(this.db, `SELECT request, status FROM node_pair_requests WHERE status = 'pending' ORDER BY created_at ASC, rowid ASC`)
      .all() as unknown as RequestRow[];
    return rows.map((row) => JSON.parse(row.request) as NodePairRequest);
  }

  pendingForNode(nodeId: string): NodePairRequest[] {
    const rows = prepared(this.db, `SELECT request, status FROM node_pair_requests WHERE node_id = ? AND status = 'pending' ORDER BY created_at ASC, rowid ASC`)
      .all(nodeId) as unknown as RequestRow[];
    return rows.map((row) => JSON.parse(row.request) as NodePairRequest);
  }

  /** True when this call resolved it (it was still pending). */
  resolve(requestId: string, status: Exclude<NodePairRequestStatus, 'pending'>, at: number, resolvedBy?: string): boolean {
    const result = prepared(this.db, `UPDATE node_pair_requests SET status = ?, resolved_at = ?, resolved_by = ? WHERE request_id = ? AND status = 'pending'`)
      .run(status, at, resolvedBy ?? null, requestId);
    return Number(result.changes) > 0;
  }
}
