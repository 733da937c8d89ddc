import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectInstallKind, skippedUpdate } from '../../../gateway/features/update/install-kind.js';

// Where the running code lives says who updates it; each layout is built in a temp dir.

describe('install kind', () => {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-install-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function layout(base: string, options: { git?: boolean } = {}): string {
    mkdirSync(join(base, 'dist', 'bundle'), { recursive: true });
    writeFileSync(join(base, 'package.json'), JSON.stringify({ name: 'gatehouse' }));
    writeFileSync(join(base, 'dist', 'bundle', 'package.json'), JSON.stringify({ name: 'gatehouse', type: 'module' }));
    if (options.git) mkdirSync(join(base, '.git'));
    return pathToFileURL(join(base, 'dist', 'bundle', 'gatehouse.js')).href;
  }

  it('a checkout (the outer package has .git) → git, with the pull-and-build command', () => {
    const kind = detectInstallKind(layout(join(root, 'checkout'), { git: true }));
    expect(kind).toEqual({ mode: 'git', root: join(root, 'checkout') });
    expect(skippedUpdate(kind).command).toContain('pull --ff-only');
  });

  it('a package under node_modules → npm', () => {
    const kind = detectInstallKind(layout(join(root, 'lib', 'node_modules', 'gatehouse')));
    expect(kind).toEqual({ mode: 'npm', root: join(root, 'lib', 'node_modules', 'gatehouse') });
    expect(skippedUpdate(kind).command).toBe('npm install -g gatehouse@latest');
  });

  it('inside app.asar → the tray app updates it; elsewhere → unknown, with no command', () => {
    const app = detectInstallKind(pathToFileURL(join(root, 'Gatehouse.app', 'Contents', 'Resources', 'app.asar', 'dist', 'bundle', 'gatehouse.js')).href);
    expect(app.mode).toBe('app');
    expect(skippedUpdate(app)).toEqual({ reason: expect.stringContaining('updates come from the tray app') });
    const unknown = detectInstallKind(pathToFileURL(join(root, 'loose', 'gatehouse.js')).href);
    expect(unknown.mode).toBe('unknown');
    expect(skippedUpdate(unknown).command).toBeUndefined();
  });
});
