import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests.
 * - panel: the built renderer (out/renderer) in Debian's Chromium, served over loopback.
 * - electron: the whole app through Playwright's `_electron`; skipped, with the reason printed,
 *   where no Electron binary is installed.
 * The global setup builds the app first (`electron-vite build`); E2E_SKIP_BUILD=1 skips that
 * when `npm run build` has just run.
 */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

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
    {
      name: 'panel',
      testMatch: 'panel.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 360, height: 420 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron-app.spec.ts',
    },
  ],
});
