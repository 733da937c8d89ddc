/**
 * Every view of the tray companion, as a person uses it: the built renderer in Chromium with
 * the scriptable stub bridge (stub-bridge.ts) in place of the preload. Fast UI tests; the
 * walkthrough against the real main-process services lives with the test bridge.
 * Screenshots go to test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type {
  ApprovalView,
  ChatEventView,
  GatewayStatusView,
  PairingRequestView,
  SettingsView,
} from '../../shared/ipc/contract.js';
import { serveDirectory, type StaticServer } from './static-server.js';
import {
  installStubBridge,
  StubBridge,
  stubInit,
  stubSettings,
  type StubBridgeInit,
  type StubReaction,
} from './stub-bridge.js';

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

interface OpenedView {
  stub: StubBridge;
  /** Script errors, console errors and warnings, CSP violations, failed requests. */
  problems: string[];
}

async function openView(
  page: Page,
  view: string,
  init: StubBridgeInit,
  viewport?: { width: number; height: number },
): Promise<OpenedView> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  if (viewport) await page.setViewportSize(viewport);
  await page.addInitScript(installStubBridge, init);
  await page.goto(`${server.url}/index.html#${view}`);
  return { stub: new StubBridge(page), problems };
}

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });

/** Nothing was asked of main on `channel` over a short wait (for "this key does nothing"). */
async function expectNoRequests(stub: StubBridge, channel: 'approvals:resolve', page: Page): Promise<void> {
  await page.waitForTimeout(250);
  expect(await stub.requests(channel)).toEqual([]);
}

// ── tray panel ──────────────────────────────────────────────────────────────────────────

function status(overrides: Partial<GatewayStatusView> = {}): GatewayStatusView {
  return {
    state: 'running',
    url: 'ws://127.0.0.1:18789',
    attached: false,
    since: 0,
    connection: { status: 'connected' },
    counts: { approvals: 0, pairing: 0 },
    canRetry: false,
    ...overrides,
  };
}

test.describe('tray panel', () => {
  test('starts a stopped gateway and follows it to running', async ({ page }) => {
    const stopped = status({ state: 'stopped', detail: 'The gateway exited normally.', connection: { status: 'disconnected' } });
    const starting = status({ state: 'starting', connection: { status: 'connecting' } });
    const running = status({ counts: { approvals: 2, pairing: 1 } });
    const reactions: Record<string, StubReaction[]> = {
      'gateway:start': [
        { delayMs: 50, emit: { channel: 'gateway:status', payload: starting } },
        { delayMs: 300, emit: { channel: 'gateway:status', payload: running } },
      ],
    };
    const { stub, problems } = await openView(
      page,
      'panel',
      stubInit({ 'gateway:getStatus': { value: stopped }, 'tray:getState': { value: { state: 'stopped' } } }, reactions),
    );

    const gateway = page.getByRole('region', { name: 'Gateway' });
    await expect(page.getByRole('status')).toHaveText('Stopped');
    await expect(gateway.getByTestId('gateway-detail')).toHaveText('The gateway exited normally.');
    await expect(gateway.getByRole('button', { name: 'Stop' })).toHaveCount(0);

    await gateway.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('status')).toHaveText('Running');
    expect(await stub.requests('gateway:start')).toHaveLength(1);
    await expect(gateway.getByRole('button', { name: 'Stop' })).toBeEnabled();
    await expect(gateway.getByRole('button', { name: 'Restart' })).toBeEnabled();
    await expect(gateway.getByTestId('gateway-counts')).toHaveText('Waiting for you: 2 approvals, 1 pairing request.');
    await expect(page.getByRole('button', { name: 'Approvals (2)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pairing (1)' })).toBeVisible();

    await shot(page, 'panel-running');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'panel-running-dark');
    expect(problems).toEqual([]);
  });

  test('shows a failed action and keeps the buttons usable', async ({ page }) => {
    const { stub } = await openView(
      page,
      'panel',
      stubInit({
        'gateway:getStatus': { value: status({ state: 'error', detail: 'Port 18789 is in use.', canRetry: true }) },
        'gateway:retry': { value: { ok: false, message: 'Another gateway owns port 18789.' } },
      }),
    );
    await expect(page.getByRole('status')).toHaveText('Error');
    await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('alert')).toHaveText('Another gateway owns port 18789.');
    await expect(page.getByRole('button', { name: 'Retry' })).toBeEnabled();
    expect(await stub.requests('gateway:retry')).toHaveLength(1);
  });

  test('never offers to stop an attached gateway, and says why', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openView(
      page,
      'panel',
      stubInit({
        'gateway:getStatus': {
          value: status({
            state: 'attached',
            attached: true,
            connection: { status: 'paused', nextStep: 'Approve this app in the other gateway: gatehouse devices approve.' },
            counts: { approvals: 1, pairing: 0 },
          }),
        },
      }),
    );
    await expect(page.getByRole('status')).toHaveText('Attached');
    await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Restart' })).toBeDisabled();
    await expect(page.getByText('It was started outside Gatehouse, so stop or restart it where it was started.')).toBeVisible();
    await expect(page.getByTestId('connection-paused')).toContainText('Approve this app in the other gateway');
    await shot(page, 'panel-attached-dark');
  });

  test('opens the other windows through window:open', async ({ page }) => {
    const { stub } = await openView(page, 'panel', stubInit());
    for (const name of ['Chat', 'Approvals (0)', 'Pairing (0)', 'Logs', 'Settings']) {
      await page.getByRole('button', { name, exact: true }).click();
    }
    await expect.poll(() => stub.requests('window:open')).toEqual([
      { view: 'chat' },
      { view: 'approvals' },
      { view: 'pairing' },
      { view: 'logs' },
      { view: 'settings' },
    ]);
  });

  test('can be used from the keyboard alone, in reading order', async ({ page }) => {
    const { stub } = await openView(page, 'panel', stubInit());
    await expect(page.getByRole('status')).toHaveText('Running');
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent));
    }
    expect(order).toEqual(['Stop', 'Restart', 'Chat', 'Approvals (0)', 'Pairing (0)', 'Logs', 'Settings']);
    const outline = await page.evaluate(() => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string }; document: { activeElement: unknown } };
      return g.getComputedStyle(g.document.activeElement).outlineStyle;
    });
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => stub.requests('window:open')).toEqual([{ view: 'settings' }]);
  });

  test('routes unknown hashes to the panel', async ({ page }) => {
    const { problems } = await openView(page, 'nowhere', stubInit());
    await expect(page.getByRole('heading', { level: 1, name: 'Gatehouse' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('Running');
    expect(problems).toEqual([]);
  });
});

// ── approvals ───────────────────────────────────────────────────────────────────────────

function approval(id: string, command: string, overrides: Partial<ApprovalView> = {}): ApprovalView {
  const now = Date.now();
  return {
    id,
    command,
    cwd: '/home/ana/projects/site',
    host: 'ana-laptop',
    agentId: 'main',
    sessionKey: 'agent:main:main',
    createdAtMs: now,
    expiresAtMs: now + 120_000,
    decisions: ['allow-once', 'allow-always', 'deny'],
    ...overrides,
  };
}

/** A command that reads as `git status` plus a harmless file, hiding a second command. */
const sneakyCommand = 'git status\u200B; rm\u00A0-rf ~/.ssh \u202Etxt.sh\u{E0072}';

test.describe('approvals prompt', () => {
  test('shows hidden characters as visible escapes', async ({ page }) => {
    const { problems } = await openView(
      page,
      'approvals',
      stubInit({ 'approvals:list': { value: [approval('a1', sneakyCommand)] } }),
      { width: 480, height: 520 },
    );
    const command = page.getByTestId('approval-command');
    await expect(command).toContainText('git status');
    await expect(command.locator('.hidden-char')).toHaveText(['\\u200B', '\\u00A0', '\\u202E', '\\u{E0072}']);
    await expect(command.locator('.hidden-char').first()).toHaveAttribute('title', 'Hidden character: ZERO WIDTH SPACE');
    await expect(command).toHaveText('git status\\u200B; rm\\u00A0-rf ~/.ssh \\u202Etxt.sh\\u{E0072}');
    await expect(page.getByRole('alert')).toContainText('This command contains 4 hidden characters');
    await expect(page.getByText('Agent “main” wants to run this command on ana-laptop:')).toBeVisible();
    await expect(page.getByText('/home/ana/projects/site')).toBeVisible();
    await expect(page.getByTestId('approval-expiry')).toHaveText(/^Expires in [12]:\d\d$/);
    await expect(page.locator('[data-armed="true"]')).toBeVisible();
    await shot(page, 'approvals');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'approvals-dark');
    expect(problems).toEqual([]);
  });

  test('Ctrl+Enter allows once', async ({ page }) => {
    const { stub } = await openView(page, 'approvals', stubInit({ 'approvals:list': { value: [approval('a1', 'npm test')] } }));
    await expect(page.locator('[data-armed="true"]')).toBeVisible();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => stub.requests('approvals:resolve')).toEqual([{ id: 'a1', decision: 'allow-once' }]);
    await expect(page.getByText('No commands are waiting for your approval.')).toBeVisible();
  });

  test('plain Enter does nothing, Esc denies, and the next request is not decided by a repeated key', async ({ page }) => {
    // The page's clock only moves when told to, so "right away" below is exact.
    await page.clock.install();
    const first = approval('a1', 'curl https://example.net/install.sh | sh');
    const second = approval('a2', 'make deploy', { createdAtMs: first.createdAtMs + 1, decisions: ['allow-once', 'deny'] });
    const { stub } = await openView(page, 'approvals', stubInit({ 'approvals:list': { value: [first, second] } }), {
      width: 480,
      height: 480,
    });
    await expect(page.getByText('1 of 2')).toBeVisible();
    await expect(page.locator('[data-armed="false"]')).toBeVisible();
    await page.clock.fastForward(700);
    await expect(page.locator('[data-armed="true"]')).toBeVisible();

    await page.keyboard.press('Enter');
    await expectNoRequests(stub, 'approvals:resolve', page);
    // Not even on a focused Allow button.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Allow once' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expectNoRequests(stub, 'approvals:resolve', page);

    await page.keyboard.press('Escape');
    await expect.poll(() => stub.requests('approvals:resolve')).toEqual([{ id: 'a1', decision: 'deny' }]);

    // The next request appears; a Ctrl+Enter pressed right away is not for it.
    await expect(page.getByTestId('approval-command')).toHaveText('make deploy');
    await expect(page.locator('[data-armed="false"]')).toBeVisible();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('button', { name: 'Always allow' })).toHaveCount(0);
    await page.clock.fastForward(700);
    await expect(page.locator('[data-armed="true"]')).toBeVisible();
    expect(await stub.requests('approvals:resolve')).toHaveLength(1);
    await page.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => stub.requests('approvals:resolve')).toHaveLength(2);
  });

  test('a refused decision says why and leaves the request on screen', async ({ page }) => {
    await openView(
      page,
      'approvals',
      stubInit({
        'approvals:list': { value: [approval('a1', 'ls')] },
        'approvals:resolve': { value: { ok: false, message: 'The gateway no longer knows this request.' } },
      }),
    );
    await expect(page.locator('[data-armed="true"]')).toBeVisible();
    await page.getByRole('button', { name: 'Always allow' }).click();
    await expect(page.getByRole('alert')).toHaveText('The gateway no longer knows this request.');
    await expect(page.getByTestId('approval-command')).toHaveText('ls');
  });

  test('counts down, then shows the request as expired and offers no decision', async ({ page }) => {
    const start = new Date('2026-03-01T10:00:00Z').getTime();
    await page.clock.install({ time: start });
    const { stub } = await openView(
      page,
      'approvals',
      stubInit({
        'approvals:list': { value: [approval('a1', 'rm -rf build', { createdAtMs: start, expiresAtMs: start + 65_000 })] },
      }),
    );
    await expect(page.getByTestId('approval-expiry')).toHaveText('Expires in 1:05');
    await page.clock.fastForward(6_000);
    await expect(page.getByTestId('approval-expiry')).toHaveText('Expires in 0:59');
    await page.clock.fastForward(60_000);
    await expect(page.getByTestId('approval-expiry')).toHaveText('Expired');
    for (const name of ['Allow once', 'Always allow', 'Deny']) {
      await expect(page.getByRole('button', { name })).toBeDisabled();
    }
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Escape');
    expect(await stub.requests('approvals:resolve')).toEqual([]);
    await shot(page, 'approvals-expired');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByText('No commands are waiting for your approval.')).toBeVisible();
  });

  test('follows approvals:changed', async ({ page }) => {
    const { stub } = await openView(page, 'approvals', stubInit());
    await expect(page.getByText('No commands are waiting for your approval.')).toBeVisible();
    await stub.emit('approvals:changed', [approval('a9', 'docker compose up')]);
    await expect(page.getByTestId('approval-command')).toHaveText('docker compose up');
  });
});

// ── pairing ─────────────────────────────────────────────────────────────────────────────

const laptop: PairingRequestView = {
  kind: 'device',
  requestId: 'req-dev-1',
  subjectId: '8f14e45fceea167a5a36dedd4bea2543a1b2c3d4e5f6',
  name: 'Ana’s tablet',
  platform: 'ipados',
  address: '192.168.1.23',
  role: 'operator',
  scopes: ['operator.read', 'operator.write', 'operator.admin'],
  commands: [],
  elevated: true,
  requestedAtMs: Date.now() - 120_000,
};

const buildBox: PairingRequestView = {
  kind: 'node',
  requestId: 'req-node-1',
  subjectId: 'node-buildbox-01',
  name: 'buildbox',
  platform: 'linux',
  address: '10.0.0.8',
  role: 'node',
  scopes: [],
  commands: ['canvas.snapshot', 'camera.snap'],
  elevated: false,
  requestedAtMs: Date.now() - 30_000,
};

test.describe('pairing panel', () => {
  test('lists devices and nodes, highlights elevated access, rejects and sets aside', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'pairing',
      stubInit({ 'pairing:list': { value: [buildBox, laptop] } }),
      { width: 500, height: 720 },
    );
    const tablet = page.getByRole('article', { name: 'Ana’s tablet' });
    const node = page.getByRole('article', { name: 'buildbox' });
    await expect(tablet).toHaveAttribute('data-elevated', 'true');
    await expect(tablet.getByText('Elevated access')).toBeVisible();
    await expect(tablet.getByText('Asks for admin access')).toBeVisible();
    await expect(tablet.getByText('operator.admin')).toBeVisible();
    await expect(node.getByText('camera.snap')).toBeVisible();
    await expect(node.getByText('Elevated access')).toHaveCount(0);
    // Oldest first.
    await expect(page.getByRole('article')).toHaveText([/Ana’s tablet/, /buildbox/]);
    await shot(page, 'pairing', true);

    await node.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => stub.requests('pairing:reject')).toEqual([{ kind: 'node', requestId: 'req-node-1' }]);
    await expect(node).toHaveCount(0);

    await tablet.getByRole('button', { name: 'Not now' }).click();
    await expect(page.getByText('No pairing requests are waiting.')).toBeVisible();
    await expect(page.getByText('1 request set aside until the list changes.')).toBeVisible();
    expect(await stub.requests('pairing:approve')).toEqual([]);

    // The next change brings set-aside requests back.
    await stub.emit('pairing:changed', [laptop]);
    await expect(page.getByRole('article', { name: 'Ana’s tablet' })).toBeVisible();
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => stub.requests('pairing:approve')).toEqual([{ kind: 'device', requestId: 'req-dev-1' }]);
    expect(problems).toEqual([]);
  });
});

// ── chat ────────────────────────────────────────────────────────────────────────────────

const chatSessions = [
  { key: 'agent:main:main', title: 'Main', updatedAt: Date.now() - 1000, model: 'anthropic/claude-sonnet-4-5', active: false },
  { key: 'agent:main:notes', title: 'Trip notes', updatedAt: Date.now() - 90_000_000, active: false },
];
const chatModels = [
  { ref: 'anthropic/claude-sonnet-4-5', name: 'Claude Sonnet 4.5', provider: 'anthropic' },
  { ref: 'openai/gpt-4.1', name: 'GPT-4.1', provider: 'openai' },
];

function chatEvent(delayMs: number, event: Omit<ChatEventView, 'sessionKey'>): StubReaction {
  return { delayMs, emit: { channel: 'chat:event', payload: event, copyFromRequest: ['sessionKey'] } };
}

function chatInit(send: StubReaction[]): StubBridgeInit {
  return stubInit(
    {
      'chat:listSessions': { value: chatSessions },
      'chat:listModels': { value: chatModels },
      'chat:history': {
        value: {
          messages: [
            { id: 'm1', role: 'user', text: 'What is on my calendar today?', timestamp: Date.now() - 60_000 },
            { id: 'm2', role: 'assistant', text: 'A dentist appointment at 15:00.', timestamp: Date.now() - 59_000 },
          ],
        },
        copyFromRequest: ['sessionKey'],
      },
    },
    { 'chat:send': send },
  );
}

test.describe('chat window', () => {
  test('streams a reply into the transcript', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'chat',
      chatInit([
        chatEvent(100, { runId: 'run-1', state: 'delta', text: 'Sure' }),
        chatEvent(400, { runId: 'run-1', state: 'delta', text: 'Sure, here is a haiku:' }),
        chatEvent(1200, { runId: 'run-1', state: 'final', text: 'Sure, here is a haiku:\nquiet gateway hums' }),
      ]),
      { width: 760, height: 560 },
    );
    await expect(page.getByText('A dentist appointment at 15:00.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Main' })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByLabel('Model')).toHaveValue('anthropic/claude-sonnet-4-5');

    await page.getByLabel('Message').fill('Write me a haiku');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('streaming-text')).toHaveText('Sure, here is a haiku:');
    await expect(page.getByTestId('streaming-text')).toHaveAttribute('aria-live', 'polite');
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
    await shot(page, 'chat-streaming');
    await expect(page.getByTestId('streaming-text')).toHaveCount(0);
    await expect(page.locator('.message--assistant').last()).toContainText('quiet gateway hums');
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    expect(await stub.requests('chat:send')).toEqual([{ sessionKey: 'agent:main:main', text: 'Write me a haiku' }]);
    await shot(page, 'chat');
    expect(problems).toEqual([]);
  });

  test('stops a streaming reply', async ({ page }) => {
    const init = chatInit([chatEvent(100, { runId: 'run-1', state: 'delta', text: 'Let me think about' })]);
    init.reactions!['chat:abort'] = [chatEvent(50, { runId: 'run-1', state: 'aborted', text: 'Let me think about' })];
    const { stub } = await openView(page, 'chat', init, { width: 760, height: 560 });
    await page.getByLabel('Message').fill('Plan my week');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('streaming-text')).toHaveText('Let me think about');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByText('Stopped before it finished.')).toBeVisible();
    expect(await stub.requests('chat:abort')).toEqual([{ sessionKey: 'agent:main:main' }]);
  });

  test('links to Settings when sending is refused for lack of a model provider', async ({ page }) => {
    const init = chatInit([]);
    init.answers['chat:send'] = { value: { ok: false, message: 'No model provider is configured.', needsProvider: true } };
    const { stub } = await openView(page, 'chat', init, { width: 760, height: 560 });
    await page.getByLabel('Message').fill('Hello?');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('No model provider is configured.');
    await alert.getByRole('button', { name: 'Open Settings' }).click();
    await expect.poll(() => stub.requests('window:open')).toEqual([{ view: 'settings' }]);
  });

  test('links to Settings when no model provider is set up', async ({ page }) => {
    const { stub } = await openView(
      page,
      'chat',
      chatInit([
        chatEvent(100, {
          runId: 'run-1',
          state: 'error',
          text: '',
          error: 'No model provider is configured.',
          needsProvider: true,
        }),
      ]),
      { width: 760, height: 560 },
    );
    await page.getByLabel('Message').fill('Hello?');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('No model provider is configured.');
    await shot(page, 'chat-needs-provider');
    await alert.getByRole('button', { name: 'Open Settings' }).click();
    await expect.poll(() => stub.requests('window:open')).toEqual([{ view: 'settings' }]);
  });

  test('starts a new session, switches model, and keeps Shift+Enter for new lines', async ({ page }) => {
    const { stub } = await openView(page, 'chat', chatInit([]), { width: 760, height: 560 });
    await expect(page.getByText('A dentist appointment at 15:00.')).toBeVisible();
    await page.getByRole('button', { name: 'New session' }).click();
    const current = page.locator('.sessions__item[aria-current="true"]');
    await expect(current).toHaveText('New session');
    await page.getByLabel('Model').selectOption('openai/gpt-4.1');
    await page.getByLabel('Message').fill('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    await expect(page.getByLabel('Message')).toHaveValue('line one\nline two');
    await page.keyboard.press('Enter');

    const [sent] = await stub.requests('chat:send');
    expect(sent?.sessionKey).toMatch(/^chat-\d{13}$/);
    expect(sent?.text).toBe('line one\nline two');
    expect(await stub.requests('chat:setModel')).toEqual([{ sessionKey: sent?.sessionKey, model: 'openai/gpt-4.1' }]);
  });

  test('gives the message back when sending is refused', async ({ page }) => {
    const init = chatInit([]);
    init.answers['chat:send'] = { value: { ok: false, message: 'The gateway is not connected.' } };
    await openView(page, 'chat', init, { width: 760, height: 560 });
    await page.getByLabel('Message').fill('Are you there?');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('The gateway is not connected.');
    await expect(page.getByLabel('Message')).toHaveValue('Are you there?');
    await expect(page.getByRole('alert').getByRole('button', { name: 'Open Settings' })).toHaveCount(0);
  });
});

// ── settings ────────────────────────────────────────────────────────────────────────────

test.describe('settings', () => {
  test('changes settings, keeps secrets write-only, copies and rotates the token', async ({ page }) => {
    const settings: SettingsView = { ...stubSettings, secretStorage: 'unencrypted' };
    const { stub, problems } = await openView(page, 'settings', stubInit({ 'settings:get': { value: settings } }), {
      width: 560,
      height: 900,
    });
    await expect(page.getByRole('alert').first()).toContainText('Secrets are not encrypted.');
    await expect(page.getByTestId('provider-state')).toHaveText('Configured: anthropic/claude-sonnet-4-5');
    await shot(page, 'settings', true);

    // A preference applies at once.
    await page.getByLabel('Show notifications').uncheck();
    await expect.poll(() => stub.requests('settings:update')).toEqual([{ notifications: false }]);
    await expect(page.getByTestId('app-save-status')).toHaveText('Saved');

    // Port is checked before anything is sent.
    await page.getByLabel('Port').fill('99999');
    await page.getByRole('button', { name: 'Save gateway settings' }).click();
    await expect(page.getByText('Enter a port number from 1 to 65535.')).toBeVisible();
    expect(await stub.requests('settings:update')).toHaveLength(1);

    // Attach to a remote gateway; the token goes in and the field empties again.
    await page.getByLabel('Attach to a gateway at a URL').check();
    await page.getByLabel('Gateway URL').fill('wss://gateway.example.net');
    await page.getByLabel('Gateway token').fill('secret-token-value');
    await page.getByRole('button', { name: 'Save gateway settings' }).click();
    await expect(page.getByTestId('gateway-save-status')).toHaveText('Saved');
    expect((await stub.requests('settings:update'))[1]).toEqual({
      gatewayMode: 'remote',
      remoteUrl: 'wss://gateway.example.net',
      remoteToken: 'secret-token-value',
    });
    await expect(page.getByLabel('Gateway token')).toHaveValue('');
    await expect(page.getByLabel('Gateway token')).toHaveAttribute('type', 'password');

    // Provider: an OpenAI-compatible server needs a base URL, not a key.
    await page.getByRole('combobox', { name: 'Provider' }).selectOption('openai-compatible');
    await page.getByLabel('Model', { exact: true }).fill('llama3.1');
    await page.getByRole('button', { name: 'Save provider' }).click();
    await expect(page.getByText('This is required.')).toBeVisible();
    await page.getByLabel('Base URL').fill('http://127.0.0.1:11434/v1');
    await page.getByRole('button', { name: 'Save provider' }).click();
    await expect.poll(() => stub.requests('settings:setProvider')).toEqual([
      { provider: 'openai-compatible', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' },
    ]);

    await page.getByRole('button', { name: 'Copy token' }).click();
    await expect(page.getByTestId('token-status')).toHaveText('Copied');

    await page.getByRole('button', { name: 'Rotate token…' }).click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText('Rotate now?');
    await expect(confirm.getByRole('button', { name: 'Rotate token' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    expect(await stub.requests('settings:rotateToken')).toEqual([]);
    await page.getByRole('button', { name: 'Rotate token…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate token' }).click();
    await expect(page.getByTestId('token-status')).toHaveText('The token was rotated.');
    expect(await stub.requests('settings:rotateToken')).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  test('asks for an API key only when none is saved for that provider', async ({ page }) => {
    const { stub } = await openView(page, 'settings', stubInit(), { width: 560, height: 900 });
    await page.getByRole('combobox', { name: 'Provider' }).selectOption('openai');
    await page.getByLabel('Model', { exact: true }).fill('gpt-4.1');
    await page.getByRole('button', { name: 'Save provider' }).click();
    await expect(page.getByText('This is required.')).toBeVisible();
    await page.getByLabel('API key').fill('sk-test-123');
    await page.getByRole('button', { name: 'Save provider' }).click();
    await expect.poll(() => stub.requests('settings:setProvider')).toEqual([
      { provider: 'openai', model: 'gpt-4.1', apiKey: 'sk-test-123' },
    ]);
    await expect(page.getByLabel('API key')).toHaveValue('');
  });
});

// ── logs ────────────────────────────────────────────────────────────────────────────────

test.describe('logs', () => {
  test('follows new lines and holds them while paused', async ({ page }) => {
    const time = new Date('2026-03-01T09:15:02').getTime();
    const { stub, problems } = await openView(
      page,
      'logs',
      stubInit({
        'logs:recent': {
          value: [
            JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', msg: 'gateway listening', port: 18789 }),
            JSON.stringify({ level: 40, time, msg: 'provider slow', ms: 5200 }),
            'plain text line from a child process',
          ],
        },
      }),
      { width: 720, height: 420 },
    );
    const view = page.getByTestId('log-view');
    await expect(view.locator('.log-line')).toHaveText([
      '09:15:02INFOgateway listening port=18789',
      '09:15:02WARNprovider slow ms=5200',
      'plain text line from a child process',
    ]);
    await stub.emit('logs:line', 'first live line');
    await expect(view.locator('.log-line').last()).toHaveText('first live line');

    await page.getByRole('button', { name: 'Pause following new log lines' }).click();
    await expect(page.getByRole('button', { name: 'Pause following new log lines' })).toHaveAttribute('aria-pressed', 'true');
    await stub.emit('logs:line', 'held line');
    await expect(page.getByTestId('logs-held')).toHaveText('1 new line while paused');
    await expect(view.locator('.log-line').last()).toHaveText('first live line');

    for (let i = 0; i < 40; i++) await stub.emit('logs:line', `burst ${i}`);
    await page.getByRole('button', { name: 'Pause following new log lines' }).click();
    await expect(view.locator('.log-line').last()).toHaveText('burst 39');
    // Resumed: the view is scrolled to the newest line.
    await expect
      .poll(() => view.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight))
      .toBeLessThan(2);
    await shot(page, 'logs');
    expect(problems).toEqual([]);
  });
});

// ── onboarding ──────────────────────────────────────────────────────────────────────────

test.describe('onboarding', () => {
  test('first run: choose a gateway, skip the provider, land on the panel', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'panel',
      stubInit({ 'settings:get': { value: { ...stubSettings, onboardingDone: false, providerConfigured: false, model: undefined } } }),
      { width: 520, height: 620 },
    );
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Gatehouse' })).toBeVisible();
    await expect(page.getByText('Step 1 of 2')).toBeVisible();
    await shot(page, 'onboarding');

    await page.getByLabel('Connect to a gateway at a URL').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Enter the gateway’s URL.')).toBeVisible();
    await page.getByLabel('Gateway URL').fill('ws://192.168.1.5:18789');
    await page.getByLabel('Gateway token').fill('tok-123');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByText('Step 2 of 2')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Connect a model provider' })).toBeFocused();
    await shot(page, 'onboarding-provider');
    await page.getByRole('button', { name: 'Skip for now' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Gatehouse' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Finish setting up' })).toHaveCount(0);
    expect(await stub.requests('settings:update')).toEqual([
      { gatewayMode: 'remote', remoteUrl: 'ws://192.168.1.5:18789', remoteToken: 'tok-123' },
      { onboardingDone: true },
    ]);
    expect(await stub.requests('settings:setProvider')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
