import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { isPlainObject } from '../../core/config/object-paths.js';

/** Screenshots and downloads a node may send along with one answer, in all. */
export const MAX_PROXY_FILE_BYTES = 50 * 1024 * 1024;
const MAX_FILES = 32;

export interface ProxyFile {
  /** Where the file is on the node; the result names it there. */
  path: string;
  base64: string;
  mimeType?: string;
}

/** The `files` of a `browser.proxy` answer that have the right shape; anything else is skipped. */
export function proxyFilesOf(value: unknown): ProxyFile[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((file): file is ProxyFile => isPlainObject(file) && typeof file.path === 'string' && file.path !== '' && typeof file.base64 === 'string')
    .slice(0, MAX_FILES);
}

/** Only the extension of the node's name survives, and only a plain one. */
function safeExtension(path: string): string {
  const extension = extname(basename(path.replace(/\\/g, '/'))).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(extension) ? extension : '';
}

/**
 * Saves the files under `dir` with names of our own (the node's names never become paths here)
 * and returns node path → local path.
 */
export async function saveProxyFiles(files: readonly ProxyFile[], dir: string): Promise<Map<string, string>> {
  const saved = new Map<string, string>();
  if (files.length === 0) return saved;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let total = 0;
  for (const file of files) {
    const bytes = Buffer.from(file.base64, 'base64');
    total += bytes.length;
    if (total > MAX_PROXY_FILE_BYTES) throw new Error(`the node sent more than ${MAX_PROXY_FILE_BYTES} bytes of files`);
    const local = join(dir, `${randomUUID()}${safeExtension(file.path)}`);
    await writeFile(local, bytes, { mode: 0o600 });
    saved.set(file.path, local);
  }
  return saved;
}

/** A copy of `value` where every string that is a saved node path names the local copy. */
export function withLocalPaths(value: unknown, saved: ReadonlyMap<string, string>, depth = 0): unknown {
  if (saved.size === 0 || depth > 32) return value;
  if (typeof value === 'string') return saved.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => withLocalPaths(item, saved, depth + 1));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = withLocalPaths(child, saved, depth + 1);
    return copy;
  }
  return value;
}
