/**
 * The walkthrough of the issue, on the real services: the built renderer (out/renderer) in
 * Debian's Chromium, `window.gatehouse` provided by the test bridge (test/e2e/bridge/), which
 * forwards every call over a loopback WebSocket to the real CompanionController — supervisor
 * launching the real gateway from dist/, operator connection with its device identity — and a
 * scripted model provider (test/fixtures/model-provider/) configured in the gateway's config.
 *
 * Each window the app would open is a page of its own at the view's URL hash (#chat,
 * #approvals, …), the way main's ViewWindows opens them, with that kind of window's channels
 * only (shared/ipc/window-channels.ts), as its preload would. The steps run in order and share the
 * gateway. Screenshots: test-results/screenshots/walkthrough-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { windowChannels } from '../../shared/ipc/window-channels.js';
import type { WindowKind } from '../../shared/ipc/window-kinds.js';
import { APPROVAL_NOTIFICATION, DEVICE_PAIRING_NOTIFICATION, SENDER_PAIRING_NOTIFICATION } from '../../main/companion/approval-prompter.js';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { FakeTelegramBotApi } from '../fixtures/telegram-bot-api/index.js';
import { attemptConnect } from '../helpers/protocol-client.js';
import { installBridgeClient, type BridgeClientInit } from './bridge/bridge-client.js';
import { bridgePathFor, startBridgeServer, type BridgeServer } from './bridge/bridge-server.js';
import { createCompanion, REPO_ROOT, type CompanionHarness } from './bridge/companion-harness.js';
import { loadChannelStrings, loadRendererStrings } from './bridge/renderer-strings.js';

const strings = await loadRendererStrings();
const channelStrings = await loadChannelStrings();

const screenshotDir = join(REPO_ROOT, 'test-results', 'screenshots');
/** What the preload of `view`'s window would expose. */
const bridgeInit = (view: View): BridgeClientInit => ({
  path: bridgePathFor(view),
  invokeChannels: [...windowChannels[view].invoke],
  eventChannels: [...windowChannels[view].events],
});
/** A remote-looking client (see test/helpers/protocol-client.ts); the gateway asks to pair it. */
const REMOTE = { 'x-forwarded-for': '203.0.113.50' };

type View = Exclude<WindowKind, 'onboarding'>;
const windowSizes: Record<View, { width: number; height: number }> = {
  panel: { width: 360, height: 480 },
  chat: { width: 760, height: 640 },
  approvals: { width: 480, height: 420 },
  pairing: { width: 560, height: 560 },
  settings: { width: 580, height: 1400 },
  logs: { width: 820, height: 540 },
  scheduled: { width: 780, height: 900 },
};

test.describe.configure({ mode: 'serial' });

let provider: ModelProviderServer;
let telegram: FakeTelegramBotApi;
let companion: CompanionHarness;
let bridge: BridgeServer;
let context: BrowserContext;
const pages = new Map<View, Page>();
const problems: string[] = [];

test.beforeAll(async ({ browser }) => {
  mkdirSync(screenshotDir, { recursive: true });
  provider = await ModelProviderServer.start();
  telegram = await FakeTelegramBotApi.start();
  companion = await createCompanion({
    // The gateway's config file before it starts: the scripted provider as the default model,
    // and exec commands that wait for a person.
    gatewayConfig: {
      models: {
        providers: { scripted: { baseUrl: provider.openAiBaseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'walkthrough', name: 'Scripted model' }] } },
      },
      agents: { defaults: { model: 'scripted/walkthrough' } },
      tools: { exec: { mode: 'ask' } },
      // Telegram's Bot API is the local fake; the bot token is added from Settings.
      channels: { telegram: { apiRoot: telegram.apiRoot } },
    },
    preferences: { onboardingDone: true },
    // Until the bridge exists there is no page to tell.
    onEvent: (event) => bridge?.emit(event.channel, event.payload),
  });
  bridge = await startBridgeServer({ rendererDir: join(REPO_ROOT, 'out', 'renderer'), target: companion.controller });
  context = await browser.newContext();
});

test.afterAll(async () => {
  await context?.close();
  await bridge?.close();
  await companion?.close();
  await provider?.close();
  await telegram?.close();
});

/** Opens the window of `view` as main would (same URL, same bridge), collecting page problems. */
async function openWindow(view: View): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(windowSizes[view]);
  page.on('pageerror', (error) => problems.push(`${view}: pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${view}: console: ${message.text()}`);
  });
  await page.addInitScript(installBridgeClient, bridgeInit(view));
  await page.goto(`${bridge.url}/index.html${view === 'panel' ? '' : `#${view}`}`);
  pages.set(view, page);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `walkthrough-${name}.png`), fullPage: true });
}

function gatewayToken(): string {
  return readFileSync(join(companion.stateDir, 'gateway.token'), 'utf8').trim();
}

test('starts the gateway from the panel: stopped → starting → running', async () => {
  const panel = await openWindow('panel');
  const status = panel.getByRole('region', { name: strings.panel.gatewayLabel }).getByRole('status');
  await expect(status).toHaveText(strings.gatewayState.stopped.label);
  await screenshot(panel, 'panel-stopped');
  // Every label the status row shows from here on.
  await panel.evaluate(() => {
    const g = globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null }; MutationObserver: new (cb: () => void) => { observe(node: unknown, options: object): void }; seenStates: string[] };
    const label = g.document.querySelector('[data-testid="gateway-state"]')!;
    g.seenStates = [];
    new g.MutationObserver(() => g.seenStates.push(label.textContent ?? '')).observe(label, { childList: true, characterData: true, subtree: true });
  });

  await panel.getByRole('button', { name: strings.gatewayActions.start, exact: true }).click();

  await expect(status).toHaveText(strings.gatewayState.running.label, { timeout: 20_000 });
  const seen = await panel.evaluate(() => (globalThis as unknown as { seenStates: string[] }).seenStates);
  expect(seen).toContain(strings.gatewayState.starting.label);
  expect(seen.indexOf(strings.gatewayState.starting.label)).toBeLessThan(seen.lastIndexOf(strings.gatewayState.running.label));
  expect(companion.eventsOf('tray:state').map((payload) => payload.state).slice(0, 2)).toEqual(['starting', 'running']);
  await expect(panel.getByTestId('gateway-counts')).toHaveText(strings.panel.waiting(0, 0));
  await expect(panel.getByRole('button', { name: strings.gatewayActions.stop, exact: true })).toBeEnabled();
  await screenshot(panel, 'panel');
});

test('opens chat from the panel, sends a message and sees the reply stream in', async () => {
  const panel = pages.get('panel')!;
  await panel.getByRole('button', { name: strings.panel.openChat, exact: true }).click();
  await expect.poll(() => companion.windows.opened.at(-1)).toBe('chat');

  const chat = await openWindow('chat');
  const input = chat.getByLabel(strings.chat.inputLabel);
  await expect(input).toBeEnabled();
  provider.enqueue({ text: ['Hello! ', 'The gateway ', 'is up ', 'and streaming ', 'this reply.'], chunkDelayMs: 250 });
  await input.fill('Hello, are you there?');
  await input.press('Enter');

  const conversation = chat.getByLabel(strings.chat.transcriptLabel);
  await expect(conversation.getByText('Hello, are you there?')).toBeVisible();
  // Part of the reply while it is still streaming, then all of it.
  await expect(chat.getByTestId('streaming-text')).toContainText('The gateway', { timeout: 10_000 });
  const partial = await chat.getByTestId('streaming-text').textContent();
  expect(partial).not.toBe('Hello! The gateway is up and streaming this reply.');
  await screenshot(chat, 'chat-streaming');
  await expect(conversation.getByText('Hello! The gateway is up and streaming this reply.')).toBeVisible({ timeout: 10_000 });
  await expect(chat.getByTestId('streaming-text')).toHaveCount(0);
  await screenshot(chat, 'chat');
});

test('a command the agent wants to run is approved from the prompt with Ctrl+Enter, and its output reaches the model', async () => {
  const chat = pages.get('chat')!;
  provider.enqueue(
    { toolCalls: [{ name: 'exec', arguments: { command: 'echo walkthrough-ok' } }] },
    { text: ['The check printed ', 'walkthrough-ok.'], chunkDelayMs: 50 },
  );
  const input = chat.getByLabel(strings.chat.inputLabel);
  await input.fill('Please run the check.');
  await input.press('Enter');

  // A notification with generic text; clicking it opens the approvals window.
  await expect.poll(() => companion.notifier.shown.map((shown) => shown.body), { timeout: 15_000 }).toContain(APPROVAL_NOTIFICATION);
  const index = companion.notifier.shown.findIndex((shown) => shown.body === APPROVAL_NOTIFICATION);
  expect(JSON.stringify(companion.notifier.shown[index])).not.toContain('walkthrough-ok');
  companion.notifier.click(index);
  expect(companion.windows.opened.at(-1)).toBe('approvals');
  await expect(pages.get('panel')!.getByRole('button', { name: strings.panel.openApprovals(1), exact: true })).toBeVisible();

  const prompt = await openWindow('approvals');
  await expect(prompt.getByLabel(strings.approvals.commandLabel, { exact: true })).toHaveText('echo walkthrough-ok');
  await expect(prompt.getByText(strings.approvals.asks('main', 'gateway'))).toBeVisible();
  await expect(prompt.getByRole('group', { name: strings.approvals.decisionsLabel })).toHaveAttribute('data-armed', 'true');
  await screenshot(prompt, 'approvals');

  await prompt.keyboard.press('Control+Enter');

  await expect(prompt.getByText(strings.approvals.none)).toBeVisible();
  const conversation = chat.getByLabel(strings.chat.transcriptLabel);
  await expect(conversation.getByText('The check printed walkthrough-ok.')).toBeVisible({ timeout: 15_000 });
  // What the model was given back for its tool call: the command's real output.
  const followUp = provider.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
  const toolResult = JSON.parse(followUp.messages.find((message) => message.role === 'tool')!.content) as Record<string, unknown>;
  expect(toolResult).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'walkthrough-ok\n' });
  await screenshot(chat, 'chat-after-approval');
});

test('a pairing request from another device is listed and rejected', async () => {
  const phone = await attemptConnect(`ws://127.0.0.1:${companion.port}`, {
    token: gatewayToken(),
    headers: REMOTE,
    client: { displayName: 'Walkthrough phone' },
  });
  phone.client.close();
  expect(phone.response.error?.details?.code).toBe('PAIRING_REQUIRED');
  await expect.poll(() => companion.notifier.shown.map((shown) => shown.body)).toContain(DEVICE_PAIRING_NOTIFICATION);

  const pairing = await openWindow('pairing');
  const request = pairing.getByRole('article', { name: /Walkthrough phone/ });
  await expect(request).toBeVisible();
  await screenshot(pairing, 'pairing');

  await request.getByRole('button', { name: strings.pairing.reject, exact: true }).click();

  await expect(pairing.getByText(strings.pairing.none)).toBeVisible();
  expect(await companion.controller.invoke('pairing:list')).toEqual([]);
  await expect(pages.get('panel')!.getByRole('button', { name: strings.panel.openPairing(0), exact: true })).toBeVisible();
});

test('a changed setting is kept: notifications off survives a reload and silences the next request', async () => {
  const settings = await openWindow('settings');
  const notifications = settings.getByLabel(strings.settings.notifications);
  await expect(notifications).toBeChecked();

  await notifications.uncheck();

  await expect(settings.getByTestId('app-save-status')).toHaveText(strings.common.saved);
  expect(companion.preferences.read().notifications).toBe(false);
  await settings.reload();
  await expect(settings.getByLabel(strings.settings.notifications)).not.toBeChecked();
  await expect(settings.getByText(strings.settings.providerConfigured('scripted/walkthrough'))).toBeVisible();
  await screenshot(settings, 'settings');

  // The preference is respected: the next pairing request raises no notification.
  const before = companion.notifier.shown.length;
  const tablet = await attemptConnect(`ws://127.0.0.1:${companion.port}`, { token: gatewayToken(), headers: REMOTE, client: { displayName: 'Quiet tablet' } });
  tablet.client.close();
  await expect(pages.get('pairing')!.getByRole('article', { name: /Quiet tablet/ })).toBeVisible();
  expect(companion.notifier.shown.length).toBe(before);
});

test('the logs window shows the gateway output', async () => {
  const logs = await openWindow('logs');
  await expect(logs.getByText(`listening on ws://127.0.0.1:${companion.port}`, { exact: false }).first()).toBeVisible();
  await screenshot(logs, 'logs');
});

test('a job added from the Scheduled form is listed with its zone and next run, and Run now records a run', async () => {
  const panel = pages.get('panel')!;
  await panel.getByRole('button', { name: strings.panel.openScheduled, exact: true }).click();
  await expect.poll(() => companion.windows.opened.at(-1)).toBe('scheduled');
  await expect(panel.getByTestId('next-wake')).toBeVisible();

  const scheduled = await openWindow('scheduled');
  const f = strings.scheduled.form;
  await expect(scheduled.getByTestId('scheduled-empty')).toBeVisible();
  await scheduled.getByRole('button', { name: strings.scheduled.add }).click();
  const form = scheduled.getByRole('region', { name: f.addTitle });
  await form.getByLabel(f.name).fill('Walkthrough reminder');
  await form.getByLabel(f.text, { exact: true }).fill('Check the walkthrough build.');
  await form.getByRole('textbox', { name: f.expr }).fill('30 7 * * 1-5');
  await form.getByLabel(f.zone).selectOption('America/New_York');
  await expect(form.getByTestId('schedule-preview').getByRole('listitem')).toHaveCount(5);
  await form.getByRole('button', { name: f.add }).click();

  const card = scheduled.getByRole('article', { name: 'Walkthrough reminder' });
  await expect(card.getByTestId('job-next-run')).toContainText('07:30 America/New_York', { timeout: 10_000 });
  // The gateway stored the zone the form sent, and computed the same next run the preview showed.
  const [job] = ((await companion.controller.invoke('scheduled:list')) as { jobs: { schedule: unknown; timeZone: string; nextRunAtMs?: number }[] }).jobs;
  expect(job).toMatchObject({ schedule: { kind: 'cron', expr: '30 7 * * 1-5' }, timeZone: 'America/New_York' });
  expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(job!.nextRunAtMs)).toBe('07:30');

  await card.getByRole('button', { name: strings.scheduled.runNow }).click();
  const history = card.getByRole('list', { name: strings.scheduled.historyLabel('Walkthrough reminder') });
  await expect(history.getByTestId('job-run').first()).toContainText(strings.scheduled.status.ok, { timeout: 15_000 });
  await expect(card.getByText(strings.scheduled.lastRun)).toBeVisible();
  await screenshot(scheduled, 'scheduled');
  await expect(panel.getByTestId('next-wake')).toContainText(':30');
  await screenshot(panel, 'panel-scheduled');
});

test('a Telegram bot token added in Settings connects; a new sender is approved from the Pairing panel and told so', async () => {
  // The earlier step turned notifications off; this one wants to see them.
  await companion.controller.invoke('settings:update', { notifications: true });
  const settings = await openWindow('settings');
  const section = settings.getByRole('region', { name: channelStrings.section });
  const account = settings.getByTestId('channel-account-telegram-default');
  await expect(account.getByTestId('channel-health')).toHaveText(channelStrings.health['not-configured'].label);

  await section.getByLabel(channelStrings.tokenLabel('Telegram')).fill(telegram.token);
  await settings.getByTestId('channel-telegram').getByRole('button', { name: channelStrings.saveToken }).click();

  await expect(settings.getByTestId('channel-token-status-telegram')).toHaveText(channelStrings.tokenSaved);
  await expect(account.getByTestId('channel-health')).toHaveText(channelStrings.health.connected.label, { timeout: 15_000 });
  await expect(account.getByTestId('channel-token')).toHaveText('set');
  // The token went into the gateway's config and nowhere the page can read.
  expect(await settings.content()).not.toContain(telegram.token);
  expect(JSON.stringify(companion.eventsOf('channels:changed'))).not.toContain(telegram.token);
  await screenshot(settings, 'settings-channels');

  // Someone the bot does not know writes to it: they get a code, the person a notification.
  const ALICE = { id: 4242, first_name: 'Alice', username: 'alice' };
  telegram.inject({ chat: { id: ALICE.id, type: 'private' }, from: ALICE, text: 'hi, can I talk to your agent?' });
  const codeMessage = await telegram.waitForCall((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(ALICE.id));
  const code = /([A-Z2-9]{8})/.exec(String(codeMessage.payload.text))?.[1];
  expect(code).toBeDefined();
  await expect.poll(() => companion.notifier.shown.map((shown) => shown.body), { timeout: 10_000 }).toContain(SENDER_PAIRING_NOTIFICATION);
  expect(JSON.stringify(companion.notifier.shown)).not.toContain('Alice');
  companion.notifier.click(companion.notifier.shown.findIndex((shown) => shown.body === SENDER_PAIRING_NOTIFICATION));
  expect(companion.windows.opened.at(-1)).toBe('pairing');

  const pairing = pages.get('pairing')!;
  const sender = pairing.getByRole('article', { name: /Alice/ });
  await expect(sender.getByTestId('sender-code')).toHaveText(code!);
  await expect(sender.getByText('Telegram')).toBeVisible();
  await expect(pages.get('panel')!.getByRole('button', { name: strings.panel.openPairing(2), exact: true })).toBeVisible();
  await screenshot(pairing, 'pairing-sender');

  await sender.getByRole('button', { name: channelStrings.senders.approve, exact: true }).click();

  const approved = await telegram.waitForCall((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(ALICE.id) && /approved/i.test(String(call.payload.text)));
  expect(String(approved.payload.text)).toContain('You are approved');
  await expect(sender).toHaveCount(0);
  expect(((await companion.controller.invoke('pairing:senders')) as { requests: unknown[] }).requests).toEqual([]);
  // The account shows the message that came in.
  await expect(account.getByTestId('channel-last-in')).not.toHaveText('never', { timeout: 10_000 });
  await screenshot(settings, 'settings-channels-after');
});

test('nothing went wrong in any page, and the bridge refused nothing', async () => {
  expect(problems).toEqual([]);
  expect(bridge.refusals).toEqual([]);
});
