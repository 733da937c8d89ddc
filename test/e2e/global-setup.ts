/**
 * Builds main, preload and renderer into out/ with electron-vite before the e2e run, so the
 * tests always see the current sources. electron-vite only reads Electron's version here; the
 * Electron binary is not needed. Set E2E_SKIP_BUILD=1 to reuse an existing out/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export default function globalSetup(): void {
  if (process.env['E2E_SKIP_BUILD'] === '1') {
    if (!existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
      throw new Error('E2E_SKIP_BUILD=1 but out/renderer/index.html is missing: run `npm run build:app` first');
    }
    return;
  }
  const require = createRequire(join(repoRoot, 'package.json'));
  const cli = join(require.resolve('electron-vite/package.json'), '..', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal})`);
  }
}
