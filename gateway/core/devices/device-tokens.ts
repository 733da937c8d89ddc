import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { scopesCovered } from '../../../shared/protocol/scopes.js';
import type { DevicesRepository, DeviceTokenRecord } from './devices-repository.js';

export type TokenCheck = 'ok' | 'mismatch' | 'scope-mismatch';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Redacted view for listings: never the token or its hash. */
export interface DeviceTokenSummary {
  role: string;
  scopes: string[];
  createdAtMs: number;
  rotatedAtMs?: number;
  revokedAtMs?: number;
  lastUsedAtMs?: number;
}

export function summarizeToken(record: DeviceTokenRecord): DeviceTokenSummary {
  const summary: DeviceTokenSummary = { role: record.role, scopes: record.scopes, createdAtMs: record.createdAtMs };
  if (record.rotatedAtMs !== undefined) summary.rotatedAtMs = record.rotatedAtMs;
  if (record.revokedAtMs !== undefined) summary.revokedAtMs = record.revokedAtMs;
  if (record.lastUsedAtMs !== undefined) summary.lastUsedAtMs = record.lastUsedAtMs;
  return summary;
}

/**
 * Device tokens of spec §11: 32 random bytes, one per (device, role), stored only as a SHA-256
 * hash. Because the plaintext is never kept, a token can be handed out only when it is minted.
 */
export class DeviceTokens {
  constructor(
    private readonly devices: DevicesRepository,
    private readonly now: () => number = Date.now,
  ) {}

  mint(deviceId: string, role: string, scopes: string[], options: { rotation?: boolean } = {}): { token: string; issuedAtMs: number } {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const previous = this.devices.token(deviceId, role);
    this.devices.saveToken({
      deviceId,
      role,
      tokenHash: hashToken(token),
      scopes: role === 'operator' ? scopes : [],
      createdAtMs: options.rotation && previous ? previous.createdAtMs : at,
      rotatedAtMs: options.rotation ? at : undefined,
      revokedAtMs: undefined,
      lastUsedAtMs: undefined,
    });
    return { token, issuedAtMs: at };
  }

  check(deviceId: string, role: string, token: string, requestedScopes: readonly string[]): TokenCheck {
    const record = this.devices.token(deviceId, role);
    if (!record || record.revokedAtMs !== undefined) return 'mismatch';
    const expected = Buffer.from(record.tokenHash, 'hex');
    const actual = Buffer.from(hashToken(token), 'hex');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'mismatch';
    if (role === 'operator' && !scopesCovered(requestedScopes, record.scopes)) return 'scope-mismatch';
    this.devices.markTokenUsed(deviceId, role, this.now());
    return 'ok';
  }

  revoke(deviceId: string, role: string): number {
    const at = this.now();
    this.devices.revokeToken(deviceId, role, at);
    return at;
  }

  get(deviceId: string, role: string): DeviceTokenRecord | undefined {
    return this.devices.token(deviceId, role);
  }
}
