/**
 * The tray panel and the approvals prompt, against the stub bridge. Screenshots in test-results/screenshots/.
 */
import { expect, test } from '@playwright/test';
import type { ApprovalView } from '../../shared/ipc/contract.js';
import { stubInit, type StubReaction } from './stub-bridge.js';
import { expectNoRequests, openView, shot, status, useRendererServer } from './views-support.js';

useRendererServer();

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
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent));
    }
    expect(order).toEqual(['Stop', 'Restart', 'Chat', 'Approvals (0)', 'Pairing (0)', 'Scheduled', 'Logs', 'Settings']);
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

  test('shows why the gateway could not prove the command safe, and the environment it runs with', async ({ page }) => {
    const unsafe = approval('a1', 'LD_PRELOAD=/tmp/x.so ls', {
      warning: 'unsafe: leading assignment LD_PRELOAD=… changes how the command runs',
      env: [{ name: 'GIT_AUTHOR_NAME', value: 'Agent' }],
      decisions: ['allow-once', 'deny'],
    });
    const { problems } = await openView(page, 'approvals', stubInit({ 'approvals:list': { value: [unsafe] } }));
    await expect(page.getByTestId('approval-warning')).toHaveText('Why you are asked: unsafe: leading assignment LD_PRELOAD=… changes how the command runs');
    await expect(page.getByTestId('approval-env')).toHaveText('GIT_AUTHOR_NAME=Agent');
    await expect(page.getByRole('button', { name: 'Always allow' })).toHaveCount(0);
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
    // Paused: on a loaded machine the page can take seconds to load, and the countdown must not run meanwhile.
    await page.clock.install({ time: start - 60_000 });
    await page.clock.pauseAt(start);
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
