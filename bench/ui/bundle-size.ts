/**
 * The Control UI's initial JavaScript: every script and module preload index.html names, each
 * gzip-compressed at level 9 (what a server would send compressed). Lazy chunks are not counted:
 * the browser fetches them only when their page opens.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSize {
  initial: BundleFile[];
  initialGzipBytes: number;
  /** Every other .js under assets/, for the table. */
  lazy: BundleFile[];
}

function measure(root: string, file: string): BundleFile {
  const bytes = readFileSync(join(root, file));
  return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

export function measureBundle(root: string): BundleSize {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const referenced = new Set<string>();
  for (const match of html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\brel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)) referenced.add(match[1]!);
  if (referenced.size === 0) throw new Error(`${join(root, 'index.html')} names no script: build it with npm run build:control-ui`);
  const initial = [...referenced].map((file) => measure(root, file));
  const assets = join(root, 'assets');
  const lazy = readdirJs(assets)
    .map((name) => `assets/${name}`)
    .filter((file) => !referenced.has(file))
    .map((file) => measure(root, file));
  return { initial, initialGzipBytes: initial.reduce((sum, file) => sum + file.gzipBytes, 0), lazy };
}

function readdirJs(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort();
}
