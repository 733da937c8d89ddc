import { defineConfig, type PlaywrightTestOptions } from '@playwright/test';

/**
 * End-to-end tests.
 * - panel, views: the built renderer (out/renderer) in Debian's Chromium, served over loopback,
 *   with a stub bridge standing in for the preload.
 * - walkthrough: the same build with `window.gatehouse` provided by the test bridge
 *   (test/e2e/bridge/), which forwards over a loopback WebSocket to the real main-process
 *   services: supervisor, operator connection, companion controller, a real gateway from dist/.
 * - electron: the whole app through Playwright's `_electron`; skipped, with the reason printed,
 *   where no Electron binary is installed.
 * The global setup builds the app first (`electron-vite build`); E2E_SKIP_BUILD=1 skips that
 * when `npm run build` has just run. The walkthrough also needs `npm run build:gateway`.
 */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const chromiumLaunchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const chromium = (viewport: { width: number; height: number }): Partial<PlaywrightTestOptions> & Record<string, unknown> => ({
  browserName: 'chromium',
  viewport,
  launchOptions: { executablePath: chromiumPath, args: chromiumLaunchArgs },
});

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/global-setup.ts',
  forbidOnly: !!process.env['CI'],
  retries: 0,
  workers: 1,
  timeout: 30_000,
  reporter: [['list']],
  projects: [
    { name: 'panel', testMatch: 'panel.spec.ts', use: chromium({ width: 360, height: 420 }) },
    { name: 'views', testMatch: 'views-*.spec.ts', use: chromium({ width: 360, height: 420 }) },
    { name: 'walkthrough', testMatch: 'walkthrough.spec.ts', timeout: 180_000, use: chromium({ width: 760, height: 640 }) },
    { name: 'electron', testMatch: 'electron-app.spec.ts', timeout: 180_000 },
    // The browser Control UI served by a real gateway (dist/control-ui, built by `npm run build:gateway`).
    { name: 'control-ui', testMatch: 'control-ui-*.spec.ts', timeout: 60_000, use: chromium({ width: 1280, height: 800 }) },
  ],
});
