import { prepared, type Database } from '../store/database.js';

export type PairRequestStatus = 'pending' | 'approved' | 'rejected' | 'superseded' | 'expired';

/** The pending device request of spec §10.1, exactly as broadcast and listed. */
export interface DevicePairRequest {
  requestId: string;
  deviceId: string;
  publicKey: string;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  clientId?: string;
  clientMode?: string;
  role: string;
  roles: string[];
  scopes: string[];
  remoteIp?: string;
  silent: boolean;
  isRepair: boolean;
  ts: number;
}

interface RequestRow {
  request: string;
  status: PairRequestStatus;
  expires_at: number;
}

export class PairRequestsRepository {
  constructor(private readonly db: Database) {}

  insert(request: DevicePairRequest, expiresAtMs: number): void {
    prepared(this.db, 
        `INSERT INTO device_pair_requests (request_id, device_id, request, status, created_at, expires_at)
         VALUES (?, ?, ?, 'pending', ?, ?)`,
      )
      .run(request.requestId, request.deviceId, JSON.stringify(request), request.ts, expiresAtMs);
  }

  get(requestId: string): { request: DevicePairRequest; status: PairRequestStatus; expiresAtMs: number } | undefined {
    const row = prepared(this.db, 'SELECT request, status, expires_at FROM device_pair_requests WHERE request_id = ?')
      .get(requestId) as RequestRow | undefined;
    if (!row) return undefined;
    return { request: JSON.parse(row.request) as DevicePairRequest, status: row.status, expiresAtMs: row.expires_at };
  }

  pending(now: number): DevicePairRequest[] {
    const rows = prepared(this.db, 
        `SELECT request, status, expires_at FROM device_pair_requests
         WHERE status = 'pending' AND expires_at > ? ORDER BY created_at ASC`,
      )
      .all(now) as unknown as RequestRow[];
    return rows.map((row) => JSON.parse(row.request) as DevicePairRequest);
  }

  pendingForDevice(deviceId: string, now: number): DevicePairRequest[] {
    const rows = prepared(this.db, 
        `SELECT request, status, expires_at FROM device_pair_requests
         WHERE device_id = ? AND status = 'pending' AND expires_at > ? ORDER BY created_at ASC`,
      )
      .all(deviceId, now) as unknown as RequestRow[];
    return rows.map((row) => JSON.parse(row.request) as DevicePairRequest);
  }

  resolve(requestId: string, status: Exclude<PairRequestStatus, 'pending'>, at: number): void {
    prepared(this.db, `UPDATE device_pair_requests SET status = ?, resolved_at = ? WHERE request_id = ? AND status = 'pending'`)
      .run(status, at, requestId);
  }

  /** Marks pending requests past their deadline as expired and returns them. */
  expire(now: number): DevicePairRequest[] {
    const rows = prepared(this.db, `SELECT request, status, expires_at FROM device_pair_requests WHERE status = 'pending' AND expires_at <= ?`)
      .all(now) as unknown as RequestRow[];
    if (rows.length === 0) return [];
    prepared(this.db, `UPDATE device_pair_requests SET status = 'expired', resolved_at = ? WHERE status = 'pending' AND expires_at <= ?`)
      .run(now, now);
    return rows.map((row) => JSON.parse(row.request) as DevicePairRequest);
  }
}
