/**
 * The tray panel shell as the user sees it: the built renderer in Chromium, with a stub bridge
 * standing in for the preload (see stub-bridge.ts). The panel's controls are in views.spec.ts.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveDirectory, type StaticServer } from './static-server.js';
import { forWindow, installStubBridge, StubBridge, stubInit, type StubBridgeInit } from './stub-bridge.js';
import type { AppPlatform, GatewayState } from '../../shared/ipc/contract.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

let server: StaticServer;

test.beforeAll(async () => {
  server = await serveDirectory(join(repoRoot, 'out', 'renderer'));
  mkdirSync(screenshotDir, { recursive: true });
});

test.afterAll(async () => {
  await server?.close();
});

/** Problems the page reports: script errors, console errors, CSP violations, failed requests. */
function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  return problems;
}

async function openPanel(page: Page, init: StubBridgeInit | null): Promise<string[]> {
  const problems = collectPageProblems(page);
  if (init) await page.addInitScript(installStubBridge, forWindow('panel', init));
  await page.goto(`${server.url}/index.html`);
  return problems;
}

/** A panel whose tray state says `state`; the status channel does not answer, as in the shell. */
function shellInit(init: { version: string; platform: AppPlatform; state: GatewayState }): StubBridgeInit {
  return stubInit({
    'app:getInfo': { value: { version: init.version, platform: init.platform } },
    'tray:getState': { value: { state: init.state } },
    'gateway:getStatus': { hang: true },
  });
}

const panelInit = shellInit({ version: '0.1.0-e2e', platform: 'linux', state: 'running' });

test('shows the app version and the gateway state from the bridge', async ({ page }) => {
  const problems = await openPanel(page, panelInit);

  const panel = page.getByRole('main', { name: 'Gatehouse' });
  await expect(panel.getByRole('heading', { level: 1, name: 'Gatehouse' })).toBeVisible();
  await expect(panel.getByTestId('app-version')).toHaveText('0.1.0-e2e');
  await expect(panel.getByRole('status')).toHaveText('Running');
  await expect(panel.getByText('The gateway is running and ready.')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Gateway' })).toHaveAttribute('data-state', 'running');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  await page.screenshot({ path: join(screenshotDir, 'panel.png') });
  expect(problems).toEqual([]);
});

test('follows tray:state events from main', async ({ page }) => {
  await openPanel(page, panelInit);
  const status = page.getByRole('status');
  await expect(status).toHaveText('Running');

  await new StubBridge(page).emit('tray:state', { state: 'error' });

  await expect(status).toHaveText('Error');
  await expect(page.getByText('The gateway could not be started.')).toBeVisible();
});

test('uses the dark palette when the system is dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPanel(page, shellInit({ version: '0.1.0-e2e', platform: 'linux', state: 'degraded' }));
  await expect(page.getByRole('status')).toHaveText('Degraded');

  const background = await page.evaluate(() => {
    const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { body: unknown } };
    return g.getComputedStyle(g.document.body).backgroundColor;
  });
  expect(background).toBe('rgb(28, 29, 33)');
  await page.screenshot({ path: join(screenshotDir, 'panel-dark.png') });
});

test('says so, instead of hanging, when opened outside the app', async ({ page }) => {
  const problems = await openPanel(page, null);

  await expect(page.getByRole('alert')).toHaveText(
    'This page runs outside the Gatehouse app, so it cannot reach the gateway.',
  );
  await expect(page.getByTestId('app-version')).toHaveText('unknown');
  expect(problems).toEqual([]);
});

test('the page keeps its Content-Security-Policy', async ({ page }) => {
  await openPanel(page, panelInit);

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
  );
  // An inline script must not run under it.
  const problems = collectPageProblems(page);
  const ran = await page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { createElement(tag: string): { textContent: string }; body: { append(node: unknown): void } };
      inlineRan?: boolean;
    };
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.inlineRan = true';
    g.document.body.append(script);
    return g.inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => problems.join('\n')).toContain('Content Security Policy');
});
