/**
 * Settings → Chat channels and the chat senders in the Pairing panel, against the stub bridge.
 */
import { expect, test } from '@playwright/test';
import type { ChannelAccountView, ChannelsView, SenderPairingListView } from '../../shared/ipc/contract.js';
import { stubInit } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

const minutesAgo = (minutes: number): number => Date.now() - minutes * 60_000;

function account(overrides: Partial<ChannelAccountView> = {}): ChannelAccountView {
  return {
    accountId: 'default',
    enabled: true,
    running: true,
    connected: true,
    reconnectAttempts: 0,
    lastConnectedAt: minutesAgo(60),
    lastInboundAt: minutesAgo(3),
    lastOutboundAt: minutesAgo(2),
    lastProbeAt: null,
    health: 'connected',
    token: 'set',
    tokenSource: 'config',
    isDefault: true,
    ...overrides,
  };
}

const channels: ChannelsView = {
  state: 'ready',
  actions: { start: true, stop: true, logout: true },
  checkedAtMs: Date.now(),
  channels: [
    { id: 'telegram', label: 'Telegram', tokenChannel: 'telegram', defaultAccountId: 'default', accounts: [account()] },
    {
      id: 'discord',
      label: 'Discord',
      tokenChannel: 'discord',
      defaultAccountId: 'default',
      accounts: [account({ running: false, connected: false, health: 'unauthorized', lastError: 'Discord said 401: Unauthorized (the token was reset or is wrong)', lastInboundAt: null, lastOutboundAt: null })],
    },
  ],
};

const probed: ChannelsView = {
  ...channels,
  channels: [
    { ...channels.channels[0]!, accounts: [account({ probe: { ok: true }, lastProbeAt: Date.now() })] },
    { ...channels.channels[1]!, accounts: [{ ...channels.channels[1]!.accounts[0]!, probe: { ok: false, detail: '401: Unauthorized' } }] },
  ],
};

const DISCORD_TOKEN = 'MTA4ODk2.Gk3aBc.fake-discord-bot-token-value';

test.describe('settings: chat channels', () => {
  test('shows each account’s state with what to do, checks now, takes a token write-only, stops and logs out', async ({ page }) => {
    const { stub, problems } = await openView(page, 'settings', stubInit({ 'channels:status': { value: channels }, 'channels:check': { value: probed } }), { width: 580, height: 1600 });
    const section = page.getByRole('region', { name: 'Chat channels' });
    const telegram = section.getByRole('group', { name: 'default (default account)' }).first();
    await expect(telegram.getByTestId('channel-health')).toHaveText('Connected');
    await expect(telegram.getByTestId('channel-token')).toHaveText('set');
    await expect(telegram.getByTestId('channel-last-in')).toHaveText('3 minutes ago');
    const discord = page.getByTestId('channel-account-discord-default');
    await expect(discord.getByTestId('channel-health')).toHaveText('Token refused');
    await expect(discord.getByTestId('channel-explain')).toHaveText('The token was revoked or mistyped: paste a new one from the platform.');
    await expect(discord.getByTestId('channel-last-error')).toContainText('401: Unauthorized');
    await expect(discord.getByTestId('channel-last-in')).toHaveText('never');
    await section.screenshot({ path: 'test-results/screenshots/settings-channels.png' });

    await section.getByRole('button', { name: 'Check now' }).click();
    await expect(discord.getByTestId('channel-probe')).toHaveText('The platform refused the check: 401: Unauthorized');
    await expect(telegram.getByTestId('channel-probe')).toHaveText('The platform accepted the token just now.');
    expect(await stub.requests('channels:check')).toHaveLength(1);

    // A token that cannot be one is caught before it is sent.
    const field = page.getByLabel('Discord bot token');
    await expect(field).toHaveAttribute('type', 'password');
    await field.fill('abc');
    await page.getByTestId('channel-discord').getByRole('button', { name: 'Replace token' }).click();
    await expect(page.getByText('That does not look like a bot token: it is too short.')).toBeVisible();
    expect(await stub.requests('channels:setToken')).toEqual([]);

    // A conflict is explained, and the field keeps what was typed.
    await stub.setAnswer('channels:setToken', { value: { ok: false, message: 'The gateway’s settings changed while the token was being saved, so nothing was written. Try again.' } });
    await field.fill(DISCORD_TOKEN);
    await page.getByTestId('channel-discord').getByRole('button', { name: 'Replace token' }).click();
    await expect(page.getByTestId('channel-token-status-discord')).toHaveText(/nothing was written\. Try again\./);
    await expect(field).toHaveValue(DISCORD_TOKEN);

    await stub.setAnswer('channels:setToken', { value: { ok: true, message: 'Saved. The gateway connects with the new token now.' } });
    await page.getByTestId('channel-discord').getByRole('button', { name: 'Replace token' }).click();
    await expect(page.getByTestId('channel-token-status-discord')).toHaveText('Saved. The gateway connects with the new token now.');
    await expect(field).toHaveValue('');
    expect((await stub.requests('channels:setToken')).at(-1)).toEqual({ channel: 'discord', token: DISCORD_TOKEN });
    // The token never comes back into the page.
    expect(await page.content()).not.toContain(DISCORD_TOKEN);

    // A new state arrives from main: connecting, then connected.
    await stub.emit('channels:changed', { ...channels, channels: [channels.channels[0]!, { ...channels.channels[1]!, accounts: [account({ health: 'connecting', connected: false, lastInboundAt: null, lastOutboundAt: null })] }] });
    await expect(discord.getByTestId('channel-health')).toHaveText('Connecting');

    await telegram.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => stub.requests('channels:stop')).toEqual([{ channel: 'telegram', accountId: 'default' }]);

    // Log out asks first; Escape backs out without asking main.
    await telegram.getByRole('button', { name: 'Log out…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Log out' });
    await expect(confirm).toContainText('Log Telegram account “default” out?');
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    expect(await stub.requests('channels:logout')).toEqual([]);
    await telegram.getByRole('button', { name: 'Log out…' }).click();
    await page.getByRole('alertdialog', { name: 'Log out' }).getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => stub.requests('channels:logout')).toEqual([{ channel: 'telegram', accountId: 'default' }]);
    await shot(page, 'settings-channels-window', true);
    expect(problems).toEqual([]);
  });

  test('reads the accounts again on a timer while the window is shown', async ({ page }) => {
    const { stub, problems } = await openView(page, 'settings', stubInit({ 'channels:status': { value: channels } }), { width: 580, height: 900 });
    await expect(page.getByRole('region', { name: 'Chat channels' })).toBeVisible();
    await expect.poll(() => stub.requests('channels:status').then((calls) => calls.length), { timeout: 12_000 }).toBeGreaterThan(1);
    expect(problems).toEqual([]);
  });

  test('offline: says to start the gateway; a gateway without channels: no section at all', async ({ page }) => {
    const { stub, problems } = await openView(page, 'settings', stubInit({ 'channels:status': { value: { ...channels, state: 'offline', channels: [] } } }), { width: 580, height: 900 });
    await expect(page.getByText('Start the gateway to see and change chat channels.')).toBeVisible();
    await stub.emit('channels:changed', { state: 'unsupported', channels: [], actions: { start: false, stop: false, logout: false } });
    await expect(page.getByTestId('channels-section')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Client access' })).toBeVisible();
    expect(problems).toEqual([]);
  });
});

const senders: SenderPairingListView = {
  state: 'ready',
  requests: [
    { requestId: 'K7M2QX9P', code: 'K7M2QX9P', channel: 'telegram', channelLabel: 'Telegram', accountId: 'default', senderId: '4242', senderLabel: 'Alice (@alice)', requestedAtMs: minutesAgo(5), expiresAtMs: minutesAgo(-55) },
    { requestId: 'RT4WZ8NB', code: 'RT4WZ8NB', channel: 'discord', channelLabel: 'Discord', accountId: 'default', senderId: '99887766554433', senderLabel: 'bob#0001', requestedAtMs: minutesAgo(1), expiresAtMs: minutesAgo(-59) },
  ],
};

test.describe('pairing panel: chat senders', () => {
  test('lists senders with channel, code and age beside devices; approves and dismisses', async ({ page }) => {
    const { stub, problems } = await openView(page, 'pairing', stubInit({ 'pairing:senders': { value: senders } }), { width: 520, height: 820 });
    const alice = page.getByRole('article', { name: 'Alice (@alice)' });
    await expect(alice.getByText('Telegram')).toBeVisible();
    await expect(alice.getByTestId('sender-code')).toHaveText('K7M2QX9P');
    await expect(alice.getByText('5 minutes ago')).toBeVisible();
    await expect(alice.getByText('in 1 hour')).toBeVisible();
    await expect(page.getByRole('article')).toHaveText([/Alice/, /bob#0001/]);
    await expect(page.getByText('No pairing requests are waiting.')).toHaveCount(0);
    await shot(page, 'pairing-senders', true);

    await alice.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => stub.requests('pairing:approveSender')).toEqual([{ channel: 'telegram', accountId: 'default', requestId: 'K7M2QX9P' }]);
    await expect(alice).toHaveCount(0);

    await stub.setAnswer('pairing:dismissSender', { value: { ok: false, message: 'This sender is no longer waiting: the request was decided elsewhere or its code expired (codes last an hour).' } });
    const bob = page.getByRole('article', { name: 'bob#0001' });
    await bob.getByRole('button', { name: 'Dismiss' }).click();
    await expect(bob.getByRole('alert')).toContainText('no longer waiting');
    expect(problems).toEqual([]);
  });

  test('a gateway without channel pairing shows only devices and nodes', async ({ page }) => {
    const { problems } = await openView(page, 'pairing', stubInit(), { width: 520, height: 600 });
    await expect(page.getByText('No pairing requests are waiting.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Chat senders' })).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
