import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isPlainObject } from './object-paths.js';

// config.md §1.7: the hash clients echo as `baseHash`. A bare SHA-256 of a file that holds a
// short secret would let anyone who sees the hash guess the secret offline, so the hash is
// an HMAC keyed by a random per-install key that never leaves the state dir.

export const HASH_KEY_FILE_NAME = 'config-hash.key';
const HASH_PREFIX = 'hmac-sha256:v1:';

const keyCache = new Map<string, Promise<Buffer>>();

async function readOrCreateKey(stateDir: string): Promise<Buffer> {
  const file = path.join(stateDir, HASH_KEY_FILE_NAME);
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    await writeFile(file, `${key.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    // Another process created it first: use theirs so both compute the same hashes.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    }
    throw error;
  }
}

/** The install's hash key from `<stateDir>/config-hash.key`, created (0600) on first use. */
export function configHashKey(stateDir: string): Promise<Buffer> {
  const resolved = path.resolve(stateDir);
  let key = keyCache.get(resolved);
  if (!key) {
    key = readOrCreateKey(resolved);
    keyCache.set(resolved, key);
    key.catch(() => keyCache.delete(resolved));
  }
  return key;
}

export function hmacToken(key: Buffer, data: string | Buffer): string {
  return HASH_PREFIX + createHmac('sha256', key).update(data).digest('base64url');
}

/** JSON with sorted keys, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
