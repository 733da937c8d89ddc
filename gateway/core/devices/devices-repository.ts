import type { Database } from '../store/database.js';
import { parseJsonArray, prepared, transaction } from '../store/database.js';

export interface PairedDeviceRecord {
  deviceId: string;
  publicKey: string;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  clientId?: string;
  clientMode?: string;
  roles: string[];
  scopes: string[];
  approvedAtMs: number;
  approvedBy: string;
  remoteIp?: string;
  createdAtMs: number;
  updatedAtMs: number;
  lastSeenAtMs?: number;
}

export interface DeviceTokenRecord {
  deviceId: string;
  role: string;
  tokenHash: string;
  scopes: string[];
  createdAtMs: number;
  rotatedAtMs?: number;
  revokedAtMs?: number;
  lastUsedAtMs?: number;
}

interface DeviceRow {
  device_id: string;
  public_key: string;
  display_name: string | null;
  platform: string | null;
  device_family: string | null;
  client_id: string | null;
  client_mode: string | null;
  roles: string;
  scopes: string;
  approved_at: number;
  approved_by: string;
  remote_ip: string | null;
  created_at: number;
  updated_at: number;
  last_seen_at: number | null;
}

interface TokenRow {
  device_id: string;
  role: string;
  token_hash: string;
  scopes: string;
  created_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function toDevice(row: DeviceRow): PairedDeviceRecord {
  return {
    deviceId: row.device_id,
    publicKey: row.public_key,
    displayName: optional(row.display_name),
    platform: optional(row.platform),
    deviceFamily: optional(row.device_family),
    clientId: optional(row.client_id),
    clientMode: optional(row.client_mode),
    roles: parseJsonArray(row.roles),
    scopes: parseJsonArray(row.scopes),
    approvedAtMs: row.approved_at,
    approvedBy: row.approved_by,
    remoteIp: optional(row.remote_ip),
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
    lastSeenAtMs: optional(row.last_seen_at),
  };
}

function toToken(row: TokenRow): DeviceTokenRecord {
  return {
    deviceId: row.device_id,
    role: row.role,
    tokenHash: row.token_hash,
    scopes: parseJsonArray(row.scopes),
    createdAtMs: row.created_at,
    rotatedAtMs: optional(row.rotated_at),
    revokedAtMs: optional(row.revoked_at),
    lastUsedAtMs: optional(row.last_used_at),
  };
}

/** Paired devices and their per-role tokens (only hashes of tokens are ever stored). */
export class DevicesRepository {
  constructor(private readonly db: Database) {}

  get(deviceId: string): PairedDeviceRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM devices WHERE device_id = ?').get(deviceId) as DeviceRow | undefined;
    return row ? toDevice(row) : undefined;
  }

  list(): PairedDeviceRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM devices ORDER BY approved_at DESC').all() as unknown as DeviceRow[];
    return rows.map(toDevice);
  }

  upsert(device: PairedDeviceRecord): void {
    prepared(this.db, 
        `INSERT INTO devices (device_id, public_key, display_name, platform, device_family, client_id,
           client_mode, roles, scopes, approved_at, approved_by, remote_ip, created_at, updated_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(device_id) DO UPDATE SET public_key = excluded.public_key,
           display_name = excluded.display_name, platform = excluded.platform,
           device_family = excluded.device_family, client_id = excluded.client_id,
           client_mode = excluded.client_mode, roles = excluded.roles, scopes = excluded.scopes,
           approved_at = excluded.approved_at, approved_by = excluded.approved_by,
           remote_ip = excluded.remote_ip, updated_at = excluded.updated_at,
           last_seen_at = excluded.last_seen_at`,
      )
      .run(
        device.deviceId,
        device.publicKey,
        device.displayName ?? null,
        device.platform ?? null,
        device.deviceFamily ?? null,
        device.clientId ?? null,
        device.clientMode ?? null,
        JSON.stringify(device.roles),
        JSON.stringify(device.scopes),
        device.approvedAtMs,
        device.approvedBy,
        device.remoteIp ?? null,
        device.createdAtMs,
        device.updatedAtMs,
        device.lastSeenAtMs ?? null,
      );
  }

  /** Replacing a device's key invalidates everything issued to the old key. */
  replace(device: PairedDeviceRecord): void {
    transaction(this.db, () => {
      const existing = this.get(device.deviceId);
      if (existing && existing.publicKey !== device.publicKey) {
        prepared(this.db, 'DELETE FROM device_tokens WHERE device_id = ?').run(device.deviceId);
      }
      this.upsert(device);
    });
  }

  touch(deviceId: string, at: number): void {
    prepared(this.db, 'UPDATE devices SET last_seen_at = ? WHERE device_id = ?').run(at, deviceId);
  }

  token(deviceId: string, role: string): DeviceTokenRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM device_tokens WHERE device_id = ? AND role = ?')
      .get(deviceId, role) as TokenRow | undefined;
    return row ? toToken(row) : undefined;
  }

  tokens(deviceId: string): DeviceTokenRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM device_tokens WHERE device_id = ? ORDER BY role')
      .all(deviceId) as unknown as TokenRow[];
    return rows.map(toToken);
  }

  saveToken(token: DeviceTokenRecord): void {
    prepared(this.db, 
        `INSERT INTO device_tokens (device_id, role, token_hash, scopes, created_at, rotated_at, revoked_at, last_used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(device_id, role) DO UPDATE SET token_hash = excluded.token_hash,
           scopes = excluded.scopes, created_at = excluded.created_at, rotated_at = excluded.rotated_at,
           revoked_at = excluded.revoked_at, last_used_at = excluded.last_used_at`,
      )
      .run(
        token.deviceId,
        token.role,
        token.tokenHash,
        JSON.stringify(token.scopes),
        token.createdAtMs,
        token.rotatedAtMs ?? null,
        token.revokedAtMs ?? null,
        token.lastUsedAtMs ?? null,
      );
  }

  markTokenUsed(deviceId: string, role: string, at: number): void {
    prepared(this.db, 'UPDATE device_tokens SET last_used_at = ? WHERE device_id = ? AND role = ?').run(at, deviceId, role);
  }

  revokeToken(deviceId: string, role: string, at: number): void {
    prepared(this.db, 'UPDATE device_tokens SET revoked_at = ? WHERE device_id = ? AND role = ?').run(at, deviceId, role);
  }
}
