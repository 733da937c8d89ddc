/**
 * Every page of the browser Control UI against a real gateway serving the real bundle: no
 * serious or critical accessibility violations (axe) in light and dark, screenshots of each page
 * in both themes at desktop (1280×800) and phone (390×844) widths under
 * test-results/screenshots/, the theme toggle, the phone menu, and pages hidden for method
 * families the gateway does not list in hello-ok.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { connectClient } from '../helpers/protocol-client.js';
import { signInWithToken, startServedGateway, type ServedGateway } from './control-ui-support.js';
import { repoRoot } from './global-setup.js';

const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
/** Every page of the shell, with its h1 (the approvals prompt is titled by what it asks). */
const pages = ['overview', 'chat', 'sessions', 'approvals', 'pairing', 'scheduled', 'channels', 'logs', 'nodes', 'skills', 'usage', 'config', 'settings', 'setup'] as const;
const headings: Record<(typeof pages)[number], string> = {
  overview: 'Overview',
  chat: 'Chat',
  sessions: 'Sessions',
  approvals: 'Approve a command',
  pairing: 'Pairing requests',
  scheduled: 'Scheduled',
  channels: 'Channels',
  logs: 'Logs',
  nodes: 'Nodes',
  skills: 'Skills',
  usage: 'Usage',
  config: 'Config',
  settings: 'Settings',
  setup: 'Setup',
};
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

let served: ServedGateway;

test.beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  served = await startServedGateway();
  // Something on the Sessions page: a named session, made the way a client picks a model up front.
  const { client } = await connectClient(served.gateway.url, { token: served.gateway.token, scopes: ['operator.admin'] });
  await client.call('sessions.patch', { key: 'agent:main:trip-plans', label: 'Trip plans' });
  client.close();
});

test.afterAll(async () => {
  await served?.stop();
});

async function open(page: Page, name: (typeof pages)[number]): Promise<void> {
  await page.evaluate(`location.hash = '#${name}'`);
  await expect(page.getByRole('heading', { level: 1, name: headings[name], exact: true })).toBeVisible();
  // Let the page's first answers arrive (lists, forms) before it is judged.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page in ${scheme}: no serious accessibility violations; screenshots at desktop and phone widths`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await signInWithToken(page, served);
    const problems: string[] = [];
    // The sweep covers what the shell offers: a page added to it without a heading here fails.
    const offered = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(offered).toEqual(pages.map((name) => `#${name}`));
    for (const name of pages) {
      await open(page, name);
      for (const violation of await seriousViolations(page)) problems.push(`${name}: ${violation}`);
    }
    for (const [size, viewport] of Object.entries(viewports)) {
      await page.setViewportSize(viewport);
      for (const name of pages) {
        await open(page, name);
        await page.screenshot({ path: join(screenshotDir, `control-ui-${name}-${scheme}-${size}.png`), fullPage: true });
      }
    }
    expect(problems).toEqual([]);
  });
}

test('the sign-in screen has no serious accessibility violations, light or dark', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(served.origin);
    await expect(page.getByRole('heading', { name: 'Sign in to Gatehouse' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `control-ui-sign-in-${scheme}-desktop.png`) });
  }
});

test('the theme toggle overrides the system theme and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await signInWithToken(page, served);
  const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  const light = await background();
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveAccessibleName('Theme: System theme');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Light theme');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Dark theme');
  expect(await background()).not.toBe(light);
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAccessibleName('Theme: Dark theme');
  expect(await background()).not.toBe(light);
});

test('at phone width the navigation opens from the menu button and works by keyboard', async ({ page }) => {
  await page.setViewportSize(viewports.phone);
  await signInWithToken(page, served);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: 'Logs' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Logs' })).toBeVisible();
  await expect(nav).toBeHidden();
});

test('pages for families the gateway does not serve are hidden, and their address leads to Overview', async ({ page }) => {
  // The real gateway, with hello-ok's method list cut on its way to the page: as a gateway
  // without a scheduler or chat channels would send it.
  await page.routeWebSocket(/.*/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (typeof message !== 'string' || !message.includes('"hello-ok"')) return socket.send(message);
      const frame = JSON.parse(message) as { payload?: { features?: { methods?: string[] } } };
      const methods = frame.payload?.features?.methods;
      if (methods) frame.payload!.features!.methods = methods.filter((method) => !method.startsWith('cron.') && !method.startsWith('channels.'));
      socket.send(JSON.stringify(frame));
    });
  });
  await signInWithToken(page, served);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav.getByRole('link', { name: 'Logs' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Scheduled' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Channels' })).toHaveCount(0);
  await page.evaluate("location.hash = '#scheduled'");
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // Overview leaves out what it cannot read: no scheduler card without cron.status.
  await expect(page.getByRole('heading', { level: 2, name: 'Scheduled jobs' })).toHaveCount(0);
});
