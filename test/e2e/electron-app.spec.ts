/**
 * The whole companion through Playwright's Electron support: the same walk as
 * walkthrough.spec.ts, but with the real main process — utilityProcess gateway, IPC with the
 * sender check, one BrowserWindow per view with its own preload — and a gateway left running on quit (the
 * windowless app host) taken over by the next start. Needs the Electron binary, which electron's
 * postinstall downloads; where it is missing (offline installs, this CI image) every test is
 * skipped and says why.
 *
 * The binary is located the way node_modules/electron/index.js does it, but without running
 * that file: in electron@45 `require('electron')` starts a download when the binary is missing.
 * Each launch gets its own profile through GATEHOUSE_USER_DATA_DIR (main/index.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { ModelProviderServer } from '../fixtures/model-provider/index.js';
import { attemptConnect } from '../helpers/protocol-client.js';
import { cleanGatewayEnv, freeLoopbackPort } from './bridge/companion-harness.js';
import { loadRendererStrings } from './bridge/renderer-strings.js';

const strings = await loadRendererStrings();

const repoRoot = join(import.meta.dirname, '..', '..');
const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

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
let skipReasonPrinted = false;

function skipWithoutElectron(): string {
  if (lookup.path === undefined) {
    if (!skipReasonPrinted) console.log(`[electron-app] skipped: ${lookup.reason}`);
    skipReasonPrinted = true;
    test.skip(true, lookup.reason);
  }
  return lookup.path!;
}

const profiles: string[] = [];
test.afterAll(() => {
  for (const profile of profiles.splice(0)) rmSync(profile, { recursive: true, force: true });
});

/** A profile dir with the app's preferences and the gateway's config written up front. */
function makeProfile(options: { preferences?: Record<string, unknown>; gatewayConfig?: Record<string, unknown> } = {}): string {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-electron-'));
  profiles.push(profile);
  if (options.preferences) writeFileSync(join(profile, 'preferences.json'), JSON.stringify(options.preferences));
  if (options.gatewayConfig) {
    mkdirSync(join(profile, 'gateway'), { recursive: true, mode: 0o700 });
    writeFileSync(join(profile, 'gateway', 'gatehouse.json'), JSON.stringify(options.gatewayConfig));
  }
  return profile;
}

async function launch(executablePath: string, profile: string): Promise<ElectronApplication> {
  const args = [repoRoot];
  // Chromium refuses to run sandboxed as root (containers); the app still sandboxes renderers.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(cleanGatewayEnv())) if (value !== undefined) env[name] = value;
  return electron.launch({ executablePath, args, cwd: repoRoot, env: { ...env, GATEHOUSE_USER_DATA_DIR: profile } });
}

/** What a second launch does (main/index.ts listens for it): the panel opens. */
async function openPanel(app: ElectronApplication): Promise<Page> {
  const opened = app.waitForEvent('window');
  await app.evaluate(({ app: electronApp }) => {
    electronApp.emit('second-instance', {}, [], process.cwd(), {});
  });
  return opened;
}

/** Clicks a panel button that opens another window, and returns that window. */
async function openFromPanel(app: ElectronApplication, panel: Page, name: string, hash: string): Promise<Page> {
  const opened = app.waitForEvent('window', { predicate: (page) => page.url().endsWith(hash) });
  await panel.getByRole('button', { name, exact: true }).click();
  const page = await opened;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

test('a fresh install starts in the tray with onboarding, and a second launch opens the panel', async () => {
  const executablePath = skipWithoutElectron();
  // Quitting with the default "ask" would wait for the quit dialog.
  const profile = makeProfile({ preferences: { port: await freeLoopbackPort(), quitBehavior: 'stop-gateway' } });
  const app = await launch(executablePath, profile);
  try {
    const onboarding = await app.firstWindow();
    expect(onboarding.url()).toBe('app://gatehouse/index.html#onboarding');

    const panel = await openPanel(app);
    expect(panel.url()).toBe('app://gatehouse/index.html');
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    await expect(panel.getByTestId('app-version')).toHaveText(version);

    // The page sees the bridge and nothing of Node.
    const surface = await panel.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return { bridge: Object.keys(g['gatehouse'] as object).sort(), require: typeof g['require'], process: typeof g['process'] };
    });
    expect(surface).toEqual({ bridge: ['invoke', 'off', 'on'], require: 'undefined', process: 'undefined' });

    // Closing windows keeps the app running in the tray.
    await panel.close();
    await onboarding.close();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  } finally {
    await app.close();
  }
});

test('the walk: start the gateway, chat, approve a command with the keyboard, reject a pairing request, change a setting', async () => {
  const executablePath = skipWithoutElectron();
  test.setTimeout(180_000);
  mkdirSync(screenshotDir, { recursive: true });
  const provider = await ModelProviderServer.start();
  const port = await freeLoopbackPort();
  const profile = makeProfile({
    preferences: { port, onboardingDone: true, quitBehavior: 'stop-gateway' },
    gatewayConfig: {
      models: { providers: { scripted: { baseUrl: provider.openAiBaseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'walkthrough', name: 'Scripted model' }] } } },
      agents: { defaults: { model: 'scripted/walkthrough' } },
      tools: { exec: { mode: 'ask' } },
    },
  });
  const app = await launch(executablePath, profile);
  try {
    // The app starts its gateway by itself; stop it, then start it from the panel.
    const panel = await openPanel(app);
    const status = panel.getByRole('region', { name: strings.panel.gatewayLabel }).getByRole('status');
    await expect(status).toHaveText(strings.gatewayState.running.label, { timeout: 30_000 });
    await panel.getByRole('button', { name: strings.gatewayActions.stop, exact: true }).click();
    await expect(status).toHaveText(strings.gatewayState.stopped.label, { timeout: 15_000 });
    await panel.getByRole('button', { name: strings.gatewayActions.start, exact: true }).click();
    await expect(status).toHaveText(strings.gatewayState.running.label, { timeout: 30_000 });
    await expect(panel.getByTestId('gateway-counts')).toHaveText(strings.panel.waiting(0, 0), { timeout: 15_000 });
    await panel.screenshot({ path: join(screenshotDir, 'walkthrough-electron-panel.png') });

    const chat = await openFromPanel(app, panel, strings.panel.openChat, '#chat');
    // The chat window has its own preload (out/preload/chat.cjs), which has no settings channels.
    const rotate = await chat.evaluate(() =>
      (globalThis as unknown as { gatehouse: { invoke(channel: string): Promise<unknown> } }).gatehouse
        .invoke('settings:rotateToken')
        .then(
          () => 'answered',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
    );
    expect(rotate).toBe('gatehouse: settings:rotateToken is not a channel of this window');
    provider.enqueue({ text: ['Hello ', 'from the ', 'scripted model.'], chunkDelayMs: 100 });
    const input = chat.getByLabel(strings.chat.inputLabel);
    await input.fill('Hello?');
    await input.press('Enter');
    const conversation = chat.getByLabel(strings.chat.transcriptLabel);
    await expect(conversation.getByText('Hello from the scripted model.')).toBeVisible({ timeout: 15_000 });

    provider.enqueue({ toolCalls: [{ name: 'exec', arguments: { command: 'echo electron-ok' } }] }, { text: ['It printed electron-ok.'] });
    await input.fill('Run the check.');
    await input.press('Enter');
    await expect(panel.getByRole('button', { name: strings.panel.openApprovals(1), exact: true })).toBeVisible({ timeout: 15_000 });
    const prompt = await openFromPanel(app, panel, strings.panel.openApprovals(1), '#approvals');
    await expect(prompt.getByLabel(strings.approvals.commandLabel, { exact: true })).toHaveText('echo electron-ok');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((window) => window.isAlwaysOnTop()))).toBe(true);
    await expect(prompt.getByRole('group', { name: strings.approvals.decisionsLabel })).toHaveAttribute('data-armed', 'true');
    await prompt.screenshot({ path: join(screenshotDir, 'walkthrough-electron-approvals.png') });
    await prompt.keyboard.press('Control+Enter');
    await expect(conversation.getByText('It printed electron-ok.')).toBeVisible({ timeout: 15_000 });
    const followUp = provider.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(JSON.parse(followUp.messages.find((message) => message.role === 'tool')!.content)).toMatchObject({ status: 'ran', stdout: 'electron-ok\n' });

    const token = readFileSync(join(profile, 'gateway', 'gateway.token'), 'utf8').trim();
    const phone = await attemptConnect(`ws://127.0.0.1:${port}`, { token, headers: { 'x-forwarded-for': '203.0.113.50' }, client: { displayName: 'Electron phone' } });
    phone.client.close();
    const pairing = await openFromPanel(app, panel, strings.panel.openPairing(1), '#pairing');
    const request = pairing.getByRole('article', { name: /Electron phone/ });
    await request.getByRole('button', { name: strings.pairing.reject, exact: true }).click();
    await expect(pairing.getByText(strings.pairing.none)).toBeVisible();

    const settings = await openFromPanel(app, panel, strings.panel.openSettings, '#settings');
    await settings.getByLabel(strings.settings.notifications).uncheck();
    await expect(settings.getByTestId('app-save-status')).toHaveText(strings.common.saved);
    expect(JSON.parse(readFileSync(join(profile, 'preferences.json'), 'utf8'))).toMatchObject({ notifications: false });
    await settings.screenshot({ path: join(screenshotDir, 'walkthrough-electron-settings.png') });
  } finally {
    // Quit: the gateway this app started is stopped with it.
    await app.close();
    await provider.close();
  }
  const gone = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
    () => false,
    () => true,
  );
  expect(gone).toBe(true);
});

test('leave the gateway running on quit, and take it over on the next start', async () => {
  const executablePath = skipWithoutElectron();
  test.setTimeout(120_000);
  const port = await freeLoopbackPort();
  const profile = makeProfile({ preferences: { port, onboardingDone: true, quitBehavior: 'leave-running' } });
  const healthy = () =>
    fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );

  const first = await launch(executablePath, profile);
  const panel = await openPanel(first);
  const status = panel.getByRole('region', { name: strings.panel.gatewayLabel }).getByRole('status');
  await expect(status).toHaveText(strings.gatewayState.running.label, { timeout: 30_000 });
  await first.close();
  expect(await healthy()).toBe(true);

  // The next start finds its own gateway: running (not attached), so Stop is offered and works.
  const second = await launch(executablePath, profile);
  try {
    const again = await openPanel(second);
    const secondStatus = again.getByRole('region', { name: strings.panel.gatewayLabel }).getByRole('status');
    await expect(secondStatus).toHaveText(strings.gatewayState.running.label, { timeout: 30_000 });
    await again.getByRole('button', { name: strings.gatewayActions.stop, exact: true }).click();
    await expect(secondStatus).toHaveText(strings.gatewayState.stopped.label, { timeout: 15_000 });
    expect(await healthy()).toBe(false);
  } finally {
    await second.close();
  }
});
