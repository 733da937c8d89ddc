import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function gatewayTokenPath(stateDir: string): string {
  return join(stateDir, 'gateway.token');
}

function writeSecretFile(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function readGatewayToken(stateDir: string): string | undefined {
  const path = gatewayTokenPath(stateDir);
  if (!existsSync(path)) return undefined;
  const token = readFileSync(path, 'utf8').trim();
  return token === '' ? undefined : token;
}

/**
 * The shared token used when neither the config nor the environment names one: generated on
 * first run (32 random bytes, base64url) and kept in the state dir, readable only by its owner.
 */
export function loadOrCreateGatewayToken(stateDir: string): { token: string; path: string; created: boolean } {
  const path = gatewayTokenPath(stateDir);
  const existing = readGatewayToken(stateDir);
  if (existing) return { token: existing, path, created: false };
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  writeSecretFile(path, `${token}\n`);
  return { token, path, created: true };
}

export function rotateGatewayToken(stateDir: string): { token: string; path: string } {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = gatewayTokenPath(stateDir);
  const token = randomBytes(32).toString('base64url');
  writeSecretFile(path, `${token}\n`);
  return { token, path };
}
