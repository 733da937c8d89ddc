import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../../gateway/cli/compile-cache.js';

/** The bundled CLI (`npm test` builds it first). */
const CLI = resolve(import.meta.dirname, '../../../dist/bundle/gatehouse.js');

describe('the CLI’s compile cache', () => {
  it('lives in each platform’s per-user cache folder', () => {
    expect(compileCacheDir('linux', {}, '/home/ada')).toBe('/home/ada/.cache/gatehouse/compile-cache');
    expect(compileCacheDir('linux', { XDG_CACHE_HOME: '/var/cache/ada' }, '/home/ada')).toBe('/var/cache/ada/gatehouse/compile-cache');
    expect(compileCacheDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Caches/gatehouse/compile-cache');
    expect(compileCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'C:\\Users\\ada')).toBe(join('C:\\Users\\ada\\AppData\\Local', 'gatehouse', 'Cache', 'compile-cache'));
  });

  it.skipIf(process.platform !== 'linux')('is written by a run of the CLI, and left alone when Node is told not to use one', () => {
    const home = mkdtempSync(join(tmpdir(), 'gatehouse-cache-home-'));
    const off = mkdtempSync(join(tmpdir(), 'gatehouse-cache-off-'));
    try {
      const { NODE_COMPILE_CACHE: _chosen, NODE_DISABLE_COMPILE_CACHE: _off, ...env } = process.env;
      const run = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env: { ...env, XDG_CACHE_HOME: home } });
      expect(run.status).toBe(0);
      // Node keeps one folder per Node version and V8 flags inside the folder it is given.
      const cache = join(home, 'gatehouse', 'compile-cache');
      expect(readdirSync(cache).flatMap((folder) => readdirSync(join(cache, folder))).length).toBeGreaterThan(0);

      const disabled = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env: { ...env, XDG_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: '1' } });
      expect(disabled.status).toBe(0);
      expect(readdirSync(off)).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
      rmSync(off, { recursive: true, force: true });
    }
  });
});
