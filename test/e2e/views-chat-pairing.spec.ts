/**
 * The pairing panel and the chat window, against the stub bridge.
 */
import { expect, test } from '@playwright/test';
import type { ChatEventView, PairingRequestView } from '../../shared/ipc/contract.js';
import { stubInit, type StubBridgeInit, type StubReaction } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

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
    // The log announces finished messages; the reply being written is busy, so tokens are not read one by one.
    await expect(page.getByRole('log')).toHaveAttribute('aria-live', 'polite');
    await expect(page.locator('.message--streaming')).toHaveAttribute('aria-busy', 'true');
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
    await expect(page.getByText('Stopped before it finished.', { exact: true })).toBeVisible();
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
