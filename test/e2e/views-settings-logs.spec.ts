/**
 * Settings, logs and onboarding, against the stub bridge.
 */
import { expect, test } from '@playwright/test';
import type { SettingsView } from '../../shared/ipc/contract.js';
import { stubInit, stubSettings } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

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

  test('follows changes made elsewhere: the tray menu, another window, the gateway config', async ({ page }) => {
    const { stub, problems } = await openView(page, 'settings', stubInit(), { width: 560, height: 900 });
    await expect(page.getByLabel('Open Gatehouse when I log in')).not.toBeChecked();
    await stub.emit('settings:changed', { ...stubSettings, launchAtLogin: true, model: 'openai/gpt-4.1' });
    await expect(page.getByLabel('Open Gatehouse when I log in')).toBeChecked();
    await expect(page.getByTestId('provider-state')).toHaveText('Configured: openai/gpt-4.1');
    // A payload of the wrong shape is ignored, not shown.
    await stub.emit('settings:changed', { gatewayMode: 'sideways' } as unknown as SettingsView);
    await expect(page.getByLabel('Open Gatehouse when I log in')).toBeChecked();
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
    await expect(page.getByRole('heading', { name: 'Set up the gateway' })).toBeFocused();
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
