/**
 * Settings → Channels over a scripted gateway: channels.status parsed with the protocol's schema
 * into accounts with a state and its reason, "Check now" asking for a probe, a token written with
 * config.get + config.patch (against the hash read, to the right key) and never echoed back,
 * conflicts and refusals as sentences, and a gateway without the methods never asked.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelsView } from '../../../shared/ipc/contract.js';
import type { ConfigGetResult } from '../../../shared/protocol/config/results.js';
import { CONFIG_CONFLICT_MESSAGE, ChannelsService } from '../../../client/channels/channels-service.js';
import { accountView, channelsView, tokenPatch } from '../../../client/channels/channel-views.js';
import { account, CHANNEL_METHODS, channelsStatus } from '../main/channel-fixtures.js';

const TOKEN = '123456:SECRET-token-never-shown-anywhere';

const configGet = (config: Record<string, unknown>, hash: string | null = 'h-1'): ConfigGetResult => ({
  path: '/state/gatehouse.json',
  exists: hash !== null,
  raw: null,
  config,
  hash,
  valid: true,
  issues: [],
  warnings: [],
});

function scripted({ methods = CHANNEL_METHODS, connected = true } = {}) {
  const calls: { method: string; params: unknown; options?: unknown }[] = [];
  const answers = new Map<string, unknown>([
    ['channels.status', channelsStatus()],
    ['config.get', configGet({ channels: { telegram: { botToken: '__OPENCLAW_REDACTED__' } } })],
    ['config.patch', { ok: true }],
    ['channels.start', { channel: 'telegram', accountId: 'default', started: true, outcome: { status: 'started' } }],
    ['channels.stop', { channel: 'telegram', accountId: 'default', stopped: true }],
    ['channels.logout', { channel: 'telegram', accountId: 'default', cleared: true, loggedOut: true, message: 'Logged out; the stored chat position was cleared.' }],
  ]);
  const emitted: ChannelsView[] = [];
  const logs: string[] = [];
  const service = new ChannelsService({
    request: async (method, params, options) => {
      calls.push({ method, params, ...(options === undefined ? {} : { options }) });
      const answer = answers.get(method);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    connected: () => connected,
    methods: () => methods,
    emit: (view) => emitted.push(view),
    refreshDelaysMs: [1],
    log: (message) => logs.push(message),
  });
  return { service, calls, answers, emitted, logs };
}

describe('channel views', () => {
  it('turns each account into its state, token set or not, last error and message times', () => {
    const revoked = accountView(account({ connected: false, running: false, healthState: 'unauthorized', lastError: '401: Unauthorized' }), 'default');
    expect(revoked).toMatchObject({ health: 'unauthorized', token: 'set', tokenSource: 'config', lastError: '401: Unauthorized', isDefault: true, lastInboundAt: 5_000, lastOutboundAt: 6_000 });
    expect(accountView(account({ configured: false, tokenSource: 'none', healthState: 'not-configured' }), 'default')).toMatchObject({ token: 'not-set', health: 'not-configured' });
    expect(accountView(account({ healthState: 'hibernating' }), 'default')).toMatchObject({ health: 'unknown', healthLabel: 'hibernating' });
    expect(accountView(account({ probe: { ok: false, error: '401: Unauthorized' } }), 'default').probe).toEqual({ ok: false, detail: '401: Unauthorized' });
  });

  it('always lists Telegram and Discord with a token field, default account first', () => {
    const view = channelsView(
      channelsStatus([account({ accountId: 'work' }), account()], { channelOrder: ['telegram'], channelAccounts: { telegram: [account({ accountId: 'work' }), account()] } }) as never,
      { start: true, stop: true, logout: true },
    );
    expect(view.channels.map((channel) => [channel.id, channel.tokenChannel, channel.label])).toEqual([
      ['telegram', 'telegram', 'Telegram'],
      ['discord', 'discord', 'Discord'],
    ]);
    expect(view.channels[0]!.accounts.map((entry) => entry.accountId)).toEqual(['default', 'work']);
  });

  it('writes the token to the channel’s own key, or under accounts.<id> when the account is named there', () => {
    expect(tokenPatch('telegram', 'default', 't', [], 'default')).toEqual({ channels: { telegram: { botToken: 't' } } });
    expect(tokenPatch('discord', 'default', 't', [], 'default')).toEqual({ channels: { discord: { token: 't' } } });
    expect(tokenPatch('telegram', 'default', 't', ['default', 'work'], 'default')).toEqual({ channels: { telegram: { accounts: { default: { botToken: 't' } } } } });
    expect(tokenPatch('telegram', 'work', 't', ['work'], 'work')).toEqual({ channels: { telegram: { accounts: { work: { botToken: 't' } } } } });
  });
});

describe('ChannelsService', () => {
  it('reads channels.status; "Check now" asks the platforms with probe and pushes the result', async () => {
    const { service, calls, answers, emitted } = scripted();
    const view = await service.status();
    expect(view.state).toBe('ready');
    expect(view.channels[0]!.accounts[0]).toMatchObject({ health: 'connected', token: 'set' });

    answers.set('channels.status', channelsStatus([account({ connected: false, healthState: 'unauthorized', lastError: 'the token was refused', probe: { ok: false, error: '401' } })]));
    const checked = await service.check();

    expect(calls.map((call) => call.params)).toEqual([{}, { probe: true, timeoutMs: 10_000 }]);
    expect(calls[1]!.options).toEqual({ timeoutMs: 15_000 });
    expect(checked.channels[0]!.accounts[0]).toMatchObject({ health: 'unauthorized', lastError: 'the token was refused', probe: { ok: false, detail: '401' } });
    expect(emitted).toEqual([checked]);
  });

  it('says offline or unsupported without asking a gateway that cannot answer', async () => {
    expect((await scripted({ connected: false }).service.status()).state).toBe('offline');
    const bare = scripted({ methods: ['health'] });
    expect(await bare.service.status()).toEqual({ state: 'unsupported', channels: [], actions: { start: false, stop: false, logout: false } });
    expect(await bare.service.start({ channel: 'telegram', accountId: 'default' })).toEqual({ ok: false, message: 'This gateway does not serve channels.start.' });
    expect(bare.calls).toEqual([]);
  });

  it('refuses an answer in the wrong shape instead of showing it', async () => {
    const { service, answers } = scripted();
    answers.set('channels.status', { channelAccounts: 'nope' });
    await expect(service.status()).rejects.toThrow(/channels.status answered in an unexpected shape/);
  });

  it('writes a token with config.patch against the hash it read, then reads the accounts again', async () => {
    const { service, calls, emitted } = scripted();
    const result = await service.setToken({ channel: 'telegram', token: TOKEN });

    expect(result).toEqual({ ok: true, message: 'Saved. The gateway connects with the new token now.' });
    const patch = calls.find((call) => call.method === 'config.patch')!;
    expect(patch.params).toEqual({ raw: JSON.stringify({ channels: { telegram: { botToken: TOKEN } } }), baseHash: 'h-1' });
    await expect.poll(() => calls.filter((call) => call.method === 'channels.status').length).toBeGreaterThan(1);
    expect(JSON.stringify(emitted)).not.toContain(TOKEN);
  });

  it('sends no baseHash when the gateway has no config file yet', async () => {
    const { service, calls, answers } = scripted();
    answers.set('config.get', configGet({}, null));
    await service.setToken({ channel: 'discord', token: TOKEN });
    expect(calls.find((call) => call.method === 'config.patch')!.params).toEqual({ raw: JSON.stringify({ channels: { discord: { token: TOKEN } } }) });
  });

  it('explains a conflict, and a refusal without repeating the token', async () => {
    const { service, answers } = scripted();
    answers.set('config.patch', new Error('config changed since last load; re-run config.get and retry'));
    expect(await service.setToken({ channel: 'telegram', token: TOKEN })).toEqual({ ok: false, message: CONFIG_CONFLICT_MESSAGE });

    answers.set('config.patch', new Error(`invalid config: channels.telegram.botToken "${TOKEN}" is not allowed here`));
    const refused = await service.setToken({ channel: 'telegram', token: TOKEN });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^The gateway did not take the token: invalid config/);
    expect(refused.message).not.toContain(TOKEN);
  });

  it('sets a token only for the default account or one the gateway knows', async () => {
    const { service, calls } = scripted();
    const result = await service.setToken({ channel: 'telegram', accountId: '__proto__', token: TOKEN });
    expect(result).toEqual({ ok: false, message: 'There is no telegram account “__proto__” in the gateway’s config.' });
    expect(calls.map((call) => call.method)).toEqual(['channels.status']);
  });

  it('needs a connected gateway that lets it change the config', async () => {
    expect((await scripted({ connected: false }).service.setToken({ channel: 'telegram', token: TOKEN })).message).toMatch(/^Start the gateway first/);
    const readOnly = scripted({ methods: ['channels.status'] });
    expect((await readOnly.service.setToken({ channel: 'telegram', token: TOKEN })).message).toMatch(/does not let Gatehouse change its config/);
  });

  it('starts, stops and logs out one account, with the gateway’s reason when it will not start', async () => {
    const { service, calls, answers } = scripted();
    expect(await service.stop({ channel: 'telegram', accountId: 'default' })).toEqual({ ok: true });
    expect(await service.start({ channel: 'telegram', accountId: 'default' })).toEqual({ ok: true });
    expect(await service.logout({ channel: 'telegram', accountId: 'default' })).toEqual({ ok: true, message: 'Logged out; the stored chat position was cleared.' });
    answers.set('channels.start', { channel: 'telegram', accountId: 'default', started: false, outcome: { status: 'not-configured', reason: 'channels.telegram account default has no token' } });
    expect(await service.start({ channel: 'telegram', accountId: 'default' })).toEqual({ ok: false, message: 'The gateway did not start it (channels.telegram account default has no token).' });
    answers.set('channels.stop', new Error('unknown account: nope'));
    expect(await service.stop({ channel: 'telegram', accountId: 'nope' })).toEqual({ ok: false, message: 'unknown account: nope' });
    expect(calls.filter((call) => call.method !== 'channels.status').map((call) => call.params)).toContainEqual({ channel: 'telegram', accountId: 'default' });
    service.dispose();
  });
});
