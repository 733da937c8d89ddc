/**
 * The browser Control UI signing in against a real gateway serving the real bundle: a pasted
 * token, a `gatehouse dashboard` login code (gone from the address and history, refused the
 * second time), a reload signed in by the device token alone, waiting for approval from a
 * non-loopback address until an operator approves, and pages hidden for families the gateway
 * does not serve. A view works end to end (Overview, Logs).
 */
import { expect, test } from '@playwright/test';
import { connectClient } from '../helpers/protocol-client.js';
import { mintLoginUrl, signInWithToken, startServedGateway, type ServedGateway } from './control-ui-support.js';

let served: ServedGateway;

test.beforeAll(async () => {
  served = await startServedGateway();
});

test.afterAll(async () => {
  await served?.stop();
});

test('a pasted token signs in; a reload stays signed in with the device token alone', async ({ page }) => {
  await signInWithToken(page, served);
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
  await expect(page.getByTestId('overview-version')).not.toBeEmpty();

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveText('Connected');
  // Nothing secret in the page's storage: the device token lives in IndexedDB, the token nowhere.
  const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
  expect(stored).not.toContain(served.gateway.token);
});

// The page used to say "Connected" while the device token it had just been issued was still on
// its way into IndexedDB: a tab closed at once lost it (the ui bench then hung on the sign-in
// form). The gap was a few milliseconds, so a few fresh browsers are tried; the deterministic
// check is test/integration/control-ui-sign-in-kept.test.ts.
test('a tab closed as soon as it says Connected leaves the browser signed in', async ({ browser }) => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const context = await browser.newContext();
    try {
      const signIn = await context.newPage();
      await signInWithToken(signIn, served);
      await signIn.close();
      const next = await context.newPage();
      await next.goto(new URL('#chat', served.origin).href);
      await expect(next.getByTestId('connection-state')).toHaveText('Connected');
      await expect(next.getByRole('textbox', { name: 'Message', exact: true })).toBeEnabled();
    } finally {
      await context.close();
    }
  }
});

test('a wrong token is refused with a message, and nothing is stored', async ({ page }) => {
  await page.goto(served.origin);
  await page.getByLabel('Gateway token').fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('did not accept that token');
  await expect(page.getByLabel('Gateway token')).toBeVisible();
});

test('a dashboard link signs in once; the code leaves the address and history; a second use is refused', async ({ page, context }) => {
  const url = await mintLoginUrl(served);
  expect(url).toContain('#code=');
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
  expect(page.url()).not.toContain('code=');
  const code = new URL(url).hash.slice('#code='.length);
  expect(await page.evaluate<string>('location.href')).not.toContain(code);
  // The entry the link made was replaced: going back leaves the page instead of finding the code.
  await page.goBack();
  expect(page.url()).not.toContain(code);

  // The same link in a fresh browser (no device token): the code is spent.
  const other = await context.browser()!.newContext();
  try {
    const second = await other.newPage();
    await second.goto(url);
    await expect(second.getByRole('heading', { name: 'This sign-in link no longer works' })).toBeVisible();
    await expect(second.getByText('gatehouse dashboard')).toBeVisible();
  } finally {
    await other.close();
  }
});

test('the Logs page shows the gateway log and follows it', async ({ page }) => {
  await signInWithToken(page, served);
  await page.getByTestId('nav-logs').click();
  await expect(page.getByRole('heading', { name: 'Logs', level: 1 })).toBeVisible();
  await expect(page.getByTestId('log-view')).toContainText('listening');
  // A new line written by the gateway shows up while the page is open.
  const { client } = await connectClient(served.gateway.url, { token: served.gateway.token, scopes: ['operator.read'] });
  client.close();
  await expect(page.getByTestId('log-view')).toContainText(/connect|client/i, { timeout: 15_000 });
});

test('from a non-loopback address the page waits for approval and continues once approved', async ({ browser }) => {
  // The socket looks forwarded from another machine (the gateway then asks for pairing); the
  // page itself loads as from loopback, since the gateway serves the UI over plain HTTP to
  // loopback only.
  const remote = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.50' } });
  await remote.route('**/*', (route) => {
    const { 'x-forwarded-for': _forwarded, ...headers } = route.request().headers();
    return route.continue({ headers });
  });
  try {
    const page = await remote.newPage();
    await page.goto(served.origin);
    await page.getByLabel('Gateway token').fill(served.gateway.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
    await expect(page.getByText('gatehouse gateway call device.pair.approve')).toBeVisible();

    const { client: operator } = await connectClient(served.gateway.url, { token: served.gateway.token, scopes: ['operator.admin', 'operator.pairing'] });
    try {
      const list = (await operator.call('device.pair.list', {})) as { pending: { requestId: string; clientId?: string }[] };
      const pending = list.pending.find((request) => request.clientId === 'openclaw-control-ui');
      expect(pending).toBeDefined();
      await operator.call('device.pair.approve', { requestId: pending!.requestId });
    } finally {
      operator.close();
    }
    await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible({ timeout: 20_000 });
  } finally {
    await remote.close();
  }
});
