/**
 * One preload per kind of window, and each window loads its own: the entry files in preload/,
 * the electron-vite inputs that build them into out/preload/<kind>.cjs, and the paths main
 * hands each BrowserWindow (main/app-paths.ts) all name the same kinds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../../main/app-paths.js';
import { windowKinds } from '../../../shared/ipc/window-kinds.js';
import config from '../../../electron.vite.config.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const preloadDir = join(repoRoot, 'preload');
/** The files every preload shares; everything else in preload/ is an entry. */
const sharedFiles = ['bridge.ts', 'expose-bridge.ts'];

describe('the preload entries', () => {
  it('are one file per window kind, and nothing else', () => {
    const entries = readdirSync(preloadDir).filter((name) => !sharedFiles.includes(name));

    expect(entries.sort()).toEqual(windowKinds.map((kind) => `${kind}.ts`).sort());
  });

  it.each(windowKinds)('preload/%s.ts exposes the bridge of its own kind and does nothing more', (kind) => {
    const code = readFileSync(join(preloadDir, `${kind}.ts`), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').trim();

    expect(code).toBe(`import { exposeGatehouseBridge } from './expose-bridge.js';\n\nexposeGatehouseBridge('${kind}');`);
  });

  it('are built as one standalone CommonJS file each (sandboxed preloads cannot load chunks or ES modules)', () => {
    const build = (config as { preload?: { build?: Record<string, unknown> } }).preload?.build as {
      isolatedEntries?: boolean;
      externalizeDeps?: boolean;
      rolldownOptions: { input: Record<string, string>; output: { format: string; entryFileNames: string } };
    };

    expect(build.isolatedEntries).toBe(true);
    expect(build.externalizeDeps).toBe(false);
    expect(build.rolldownOptions.output).toEqual({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(build.rolldownOptions.input).toEqual(Object.fromEntries(windowKinds.map((kind) => [kind, join(preloadDir, `${kind}.ts`)])));
  });

  it('are what main gives each kind of window', () => {
    const { preloads } = resolveAppPaths({ mainDir: '/repo/out/main', isPackaged: false, resourcesPath: '/x', appPath: '/repo' });

    expect(Object.keys(preloads).sort()).toEqual([...windowKinds].sort());
    for (const kind of windowKinds) expect(preloads[kind]).toBe(`/repo/out/preload/${kind}.cjs`);
    expect(Object.isFrozen(preloads)).toBe(true);
  });
});
