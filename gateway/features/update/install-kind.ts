import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InstallMode } from '../../../shared/protocol/update/results.js';

export interface InstallKind {
  mode: InstallMode;
  /** The gatehouse package folder this gateway runs from, when found. */
  root: string | undefined;
}

function isGatehousePackage(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'gatehouse';
  } catch {
    return false;
  }
}

/**
 * How this gateway was installed, from where its code lives: inside an Electron app's
 * `app.asar` (the packaged tray app), a package folder with `.git` (a checkout), or one under
 * `node_modules` (npm, global or not).
 */
export function detectInstallKind(from = import.meta.url): InstallKind {
  const modulePath = fileURLToPath(from);
  if (modulePath.includes(`${sep}app.asar${sep}`) || modulePath.includes(`${sep}app.asar.unpacked${sep}`)) {
    return { mode: 'app', root: undefined };
  }
  // The bundle folder carries a package.json of its own (dist/bundle/), so the outermost
  // gatehouse package is the install; a checkout is the one with .git.
  let dir = dirname(modulePath);
  let outermost: string | undefined;
  for (let depth = 0; depth < 8; depth++) {
    if (isGatehousePackage(dir)) {
      if (existsSync(join(dir, '.git'))) return { mode: 'git', root: dir };
      outermost = dir;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (outermost !== undefined) return { mode: outermost.split(sep).includes('node_modules') ? 'npm' : 'unknown', root: outermost };
  return { mode: 'unknown', root: undefined };
}

/**
 * Why the gateway does not update itself, and what to run instead (openclaw-families.md §8). An
 * npm install updates itself unless where it lives cannot be told (`npmReason`).
 */
export function skippedUpdate(kind: InstallKind, npmReason?: string): { reason: string; command?: string } {
  switch (kind.mode) {
    case 'app':
      return { reason: 'updates come from the tray app: it replaces the gateway together with itself (Check for Updates in its menu)' };
    case 'git':
      return {
        reason:
          'this gateway runs from a git checkout; pulling and rebuilding it under the running daemon would replace code the process has already loaded, so it is left to you (then restart the gateway)',
        command: `git -C ${JSON.stringify(kind.root)} pull --ff-only && npm --prefix ${JSON.stringify(kind.root)} ci && npm --prefix ${JSON.stringify(kind.root)} run build:gateway`,
      };
    case 'npm':
      return {
        reason: `this gateway runs from an npm package it cannot update in place${npmReason ? ` (${npmReason})` : ''}; update it with npm, then restart the gateway`,
        command: 'npm install -g gatehouse@latest',
      };
    default:
      return { reason: 'the install kind of this gateway is not known (not the tray app, a git checkout or an npm package), so there is nothing it can update' };
  }
}
