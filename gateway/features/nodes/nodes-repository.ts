import { prepared, type Database } from '../../core/store/database.js';

/** What a node exposes: capability categories, invocable commands and OS permission toggles. */
export interface NodeSurface {
  caps: string[];
  commands: string[];
  permissions: Record<string, boolean>;
}

/** The client metadata a node last connected with (spec §4.3). */
export interface NodeMetadata {
  displayName?: string;
  platform?: string;
  version?: string;
  coreVersion?: string;
  uiVersion?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  clientId?: string;
  clientMode?: string;
  remoteIp?: string;
}

/** One node (nodeId = device id): its last declared surface and the surface an operator approved. */
export interface NodeRecord {
  nodeId: string;
  /** Set by an operator (`node.rename`); wins over the name the node declares. */
  displayName?: string;
  metadata: NodeMetadata;
  declared: NodeSurface;
  approved?: NodeSurface;
  approvedAtMs?: number;
  approvedBy?: string;
  createdAtMs: number;
  updatedAtMs: number;
  lastConnectedAtMs?: number;
  lastSeenAtMs?: number;
}

interface NodeRow {
  node_id: string;
  display_name: string | null;
  metadata: string;
  declared: string;
  approved: string | null;
  approved_at: number | null;
  approved_by: string | null;
  created_at: number;
  updated_at: number;
  last_connected_at: number | null;
  last_seen_at: number | null;
}

export const EMPTY_SURFACE: NodeSurface = Object.freeze({ caps: [], commands: [], permissions: {} }) as NodeSurface;

function parseSurface(text: string | null): NodeSurface | undefined {
  if (text === null) return undefined;
  const value = JSON.parse(text) as Partial<NodeSurface>;
  const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  const permissions: Record<string, boolean> = {};
  if (value.permissions && typeof value.permissions === 'object') {
    for (const [key, flag] of Object.entries(value.permissions)) if (typeof flag === 'boolean') permissions[key] = flag;
  }
  return { caps: strings(value.caps), commands: strings(value.commands), permissions };
}

function toRecord(row: NodeRow): NodeRecord {
  const record: NodeRecord = {
    nodeId: row.node_id,
    metadata: JSON.parse(row.metadata) as NodeMetadata,
    declared: parseSurface(row.declared) ?? EMPTY_SURFACE,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
  };
  if (row.display_name !== null) record.displayName = row.display_name;
  const approved = parseSurface(row.approved);
  if (approved) record.approved = approved;
  if (row.approved_at !== null) record.approvedAtMs = row.approved_at;
  if (row.approved_by !== null) record.approvedBy = row.approved_by;
  if (row.last_connected_at !== null) record.lastConnectedAtMs = row.last_connected_at;
  if (row.last_seen_at !== null) record.lastSeenAtMs = row.last_seen_at;
  return record;
}

/** Durable node records: approvals, operator-given names, last known metadata. */
export class NodesRepository {
  constructor(private readonly db: Database) {}

  get(nodeId: string): NodeRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM nodes WHERE node_id = ?').get(nodeId) as NodeRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  list(): NodeRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM nodes ORDER BY node_id').all() as unknown as NodeRow[];
    return rows.map(toRecord);
  }

  private ensure(nodeId: string, at: number): void {
    prepared(this.db, `INSERT INTO nodes (node_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(node_id) DO NOTHING`)
      .run(nodeId, at, at);
  }

  /** A node connected declaring `declared`: remember what it is and what it offers. */
  recordConnect(nodeId: string, metadata: NodeMetadata, declared: NodeSurface, at: number): NodeRecord {
    this.ensure(nodeId, at);
    prepared(this.db, 
        `UPDATE nodes SET metadata = ?, declared = ?, updated_at = ?, last_connected_at = ?, last_seen_at = ? WHERE node_id = ?`,
      )
      .run(JSON.stringify(metadata), JSON.stringify(declared), at, at, at, nodeId);
    return this.get(nodeId) as NodeRecord;
  }

  /** Metadata for a node known only from a legacy `node.pair.request`; never overwrites a connect. */
  recordMetadataIfUnknown(nodeId: string, metadata: NodeMetadata, at: number): void {
    this.ensure(nodeId, at);
    prepared(this.db, `UPDATE nodes SET metadata = ? WHERE node_id = ? AND metadata = '{}'`).run(JSON.stringify(metadata), nodeId);
  }

  saveApproval(nodeId: string, approved: NodeSurface, at: number, approvedBy: string): NodeRecord {
    this.ensure(nodeId, at);
    prepared(this.db, 'UPDATE nodes SET approved = ?, approved_at = ?, approved_by = ?, updated_at = ? WHERE node_id = ?')
      .run(JSON.stringify(approved), at, approvedBy, at, nodeId);
    return this.get(nodeId) as NodeRecord;
  }

  rename(nodeId: string, displayName: string, at: number): void {
    this.ensure(nodeId, at);
    prepared(this.db, 'UPDATE nodes SET display_name = ?, updated_at = ? WHERE node_id = ?').run(displayName, at, nodeId);
  }

  touch(nodeId: string, at: number): void {
    prepared(this.db, 'UPDATE nodes SET last_seen_at = ? WHERE node_id = ?').run(at, nodeId);
  }
}
