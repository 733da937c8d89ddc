/**
 * The whole companion through Playwright's Electron support. Needs the Electron binary, which
 * electron's postinstall downloads; where it is missing (offline installs, this CI image) the
 * test is skipped and says why.
 *
 * The binary is located the way node_modules/electron/index.js does it, but without running
 * that file: in electron@45 `require('electron')` starts a download when the binary is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const repoRoot = join(import.meta.dirname, '..', '..');

type BinaryLookup = { path: string } | { path: undefined; reason: string };

function findElectronBinary(): BinaryLookup {
  const require = createRequire(join(repoRoot, 'package.json'));
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: undefined, reason: 'Electron binary not installed: the electron package is not in node_modules' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: undefined,
      reason: `Electron binary not installed: ${pathFile} is missing (electron's postinstall download did not run; try \`npx install-electron\`)`,
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  if (!existsSync(binary)) {
    return { path: undefined, reason: `Electron binary not installed: ${binary} does not exist` };
  }
  return { path: binary };
}

const lookup = findElectronBinary();

test('starts in the tray and opens the panel on a second launch', async () => {
  if (lookup.path === undefined) {
    console.log(`[electron-app] skipped: ${lookup.reason}`);
    test.skip(true, lookup.reason);
    return;
  }

  const args = [repoRoot];
  // Chromium refuses to run sandboxed as root (containers); the app still sandboxes renderers.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const app = await electron.launch({ executablePath: lookup.path, args, cwd: repoRoot });
  try {
    // Tray only at start: no window until asked for.
    expect(app.windows()).toHaveLength(0);

    // What a second launch does (main/index.ts listens for it).
    await app.evaluate(({ app: electronApp }) => {
      electronApp.emit('second-instance', {}, [], process.cwd(), {});
    });
    const panel = await app.firstWindow();

    await expect(panel.getByRole('status')).toHaveText('Stopped');
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    await expect(panel.getByTestId('app-version')).toHaveText(version);
    expect(panel.url()).toBe('app://gatehouse/index.html');

    // The page sees the bridge and nothing of Node.
    const surface = await panel.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        bridge: Object.keys(g['gatehouse'] as object).sort(),
        require: typeof g['require'],
        process: typeof g['process'],
      };
    });
    expect(surface).toEqual({ bridge: ['invoke', 'off', 'on'], require: 'undefined', process: 'undefined' });

    // Closing the panel keeps the app running in the tray.
    await panel.close();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  } finally {
    await app.close();
  }
});
