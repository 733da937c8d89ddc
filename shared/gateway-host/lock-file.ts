import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The lock a running gateway holds in its state dir: JSON naming its owner. The gateway takes
 * it exclusively (one gateway per state dir); the tray reads it to recognise a gateway it left
 * running.
 */
export interface LockOwner {
  pid: number;
  port?: number;
  host?: string;
  startedAtMs?: number;
  /** SHA-256 of the TLS leaf certificate (lowercase hex) while the gateway serves HTTPS/WSS. */
  tlsFingerprint?: string;
}

export function lockFilePath(stateDir: string): string {
  return join(stateDir, 'gateway.lock');
}

/** The owner named in a lock file, or undefined when there is none or it does not parse. */
export function readLockOwner(path: string): LockOwner | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { pid, port, host, startedAtMs, tlsFingerprint } = parsed as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  return {
    pid,
    ...(typeof port === 'number' ? { port } : {}),
    ...(typeof host === 'string' ? { host } : {}),
    ...(typeof startedAtMs === 'number' ? { startedAtMs } : {}),
    ...(typeof tlsFingerprint === 'string' && /^[0-9a-f]{64}$/.test(tlsFingerprint) ? { tlsFingerprint } : {}),
  };
}
