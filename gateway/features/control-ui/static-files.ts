import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Vite's hashed output (`assets/index-B7x2_kQp.js`): its name changes whenever its content does. */
export function isHashedAsset(relative: string): boolean {
  return /^assets\/(?:[^/]+\/)*[^/]*[-.][A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/.test(relative);
}

export type UiPath =
  | { kind: 'bad' }
  | { kind: 'index' }
  | { kind: 'file'; relative: string };

/**
 * The part of a URL path below the base path, as folder segments, or 'bad' for anything that
 * could step outside the bundle or hide a file: undecodable escapes, encoded or plain `..`/`.`
 * segments, backslashes, NUL and dot-files. Decoding happens once, here, before the checks.
 */
export function parseUiPath(rawPath: string, basePath: string): UiPath {
  const below = rawPath === basePath.slice(0, -1) ? '' : rawPath.slice(basePath.length);
  if (below === '') return { kind: 'index' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(below);
  } catch {
    return { kind: 'bad' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad' };
  const segments = decoded.split('/');
  if (segments.some((segment, index) => (segment === '' && index < segments.length - 1) || segment.startsWith('.'))) {
    return { kind: 'bad' };
  }
  const relative = segments.filter((segment) => segment !== '').join('/');
  return relative === '' ? { kind: 'index' } : { kind: 'file', relative };
}

/**
 * The real path of `relative` inside `root` when it is a regular file there, following links
 * only as far as they stay inside the root's real path; undefined otherwise.
 */
export async function containedFile(root: string, relative: string): Promise<string | undefined> {
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(join(realRoot, ...relative.split('/')));
  } catch {
    return undefined;
  }
  if (!real.startsWith(realRoot + sep)) return undefined;
  try {
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Paths a single-page app routes itself (`/chat`, `/sessions/abc`): no file extension in the last segment. */
export function isAppRoute(relative: string): boolean {
  const last = relative.split('/').pop() ?? '';
  return !last.includes('.');
}
