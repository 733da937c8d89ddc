/**
 * The controller's chat-channel channels, without a gateway: every request is checked before it
 * reaches the gateway (a page cannot name a config key or smuggle a field), a sender's pairing
 * request raises a generic notification that opens the Pairing window, and waiting senders count
 * in the panel's pairing number.
 */
import { describe, expect, it } from 'vitest';
import type { EventChannel, EventPayload, InvokeChannel } from '../../../shared/ipc/contract.js';
import { SENDER_PAIRING_NOTIFICATION } from '../../../main/companion/approval-prompter.js';
import { CompanionController } from '../../../main/companion/companion-controller.js';
import { MemoryPreferencesStore, MemorySecretStore } from '../../../main/settings/preferences.js';
import { MemoryLaunchAtLogin, RecordingClipboard, RecordingNotifier, RecordingWindowOpener } from '../../e2e/bridge/companion-harness.js';
import { CHANNEL_METHODS, channelsStatus, pairingList, senderRequest } from './channel-fixtures.js';
import { fakeLinks } from './fake-gateway-link.js';

function setUp() {
  const links = fakeLinks();
  const events: { channel: EventChannel; payload: unknown }[] = [];
  const notifier = new RecordingNotifier();
  const windows = new RecordingWindowOpener();
  const controller = new CompanionController({
    appInfo: { version: '9.9.9', platform: 'linux' },
    links: links.factory,
    preferences: new MemoryPreferencesStore({}),
    secrets: new MemorySecretStore(),
    launchAtLogin: new MemoryLaunchAtLogin(),
    notifier,
    clipboard: new RecordingClipboard(),
    windows,
    secretEncryption: () => 'encrypted',
    emit: (channel, payload) => events.push({ channel, payload }),
    channelsRefreshDelaysMs: [1],
  });
  const operator = links.current().operator;
  operator.methods = CHANNEL_METHODS;
  operator.answer = (method) => (method === 'channels.pairing.list' ? pairingList([senderRequest()]) : method === 'channels.status' ? channelsStatus() : { ok: true });
  const eventsOf = <E extends EventChannel>(channel: E) => events.filter((event) => event.channel === channel).map((event) => event.payload as EventPayload<E>);
  return { controller, operator, notifier, windows, eventsOf };
}

describe('CompanionController: chat channels', () => {
  const bad: [InvokeChannel, unknown][] = [
    ['channels:setToken', { channel: 'slack', token: 'x'.repeat(40) }],
    ['channels:setToken', { channel: 'telegram', token: 'short' }],
    ['channels:setToken', { channel: 'telegram', token: 'has a space in the middle of it' }],
    ['channels:setToken', { channel: 'telegram', token: 'x'.repeat(513) }],
    ['channels:setToken', { channel: 'telegram', token: 'x'.repeat(40), apiRoot: 'http://evil.example' }],
    ['channels:setToken', { channel: 'telegram', accountId: 'a b', token: 'x'.repeat(40) }],
    ['channels:start', { channel: 'telegram' }],
    ['channels:stop', { channel: 'tele gram', accountId: 'default' }],
    ['channels:logout', { channel: 'telegram', accountId: 'default', force: true }],
    ['pairing:approveSender', { channel: 'telegram', accountId: 'default' }],
    ['pairing:approveSender', { channel: 'telegram', accountId: 'default', requestId: 'ABCD2345', notify: false }],
    ['pairing:dismissSender', { channel: 'telegram', accountId: 'default', requestId: '../../etc' }],
  ];

  it.each(bad)('answers %s %j with a failed ActionResult and never calls the gateway', async (channel, request) => {
    const { controller, operator } = setUp();
    const result = (await controller.invoke(channel, request)) as { ok: boolean; message?: string };
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(new RegExp(`^${channel}: bad request: `));
    expect(operator.requests).toEqual([]);
  });

  it('a sender asking to pair raises a generic notification that opens the Pairing window, and counts as waiting', async () => {
    const { controller, operator, notifier, windows, eventsOf } = setUp();
    operator.emit('channels.pairing.requested', senderRequest({ senderLabel: 'Evil “approve me” sender' }));

    expect(notifier.shown.map((shown) => shown.body)).toEqual([SENDER_PAIRING_NOTIFICATION]);
    expect(JSON.stringify(notifier.shown)).not.toContain('approve me');
    notifier.click();
    expect(windows.opened).toEqual(['pairing']);
    await expect.poll(() => eventsOf('pairing:sendersChanged').length).toBe(1);
    expect(eventsOf('pairing:sendersChanged')[0]!.requests.map((request) => request.code)).toEqual(['ABCD2345']);
    expect(controller.status.counts.pairing).toBe(1);
    expect(eventsOf('gateway:status').at(-1)!.counts.pairing).toBe(1);
  });

  it('serves the Channels section and pushes it after an action', async () => {
    const { controller, operator, eventsOf } = setUp();
    const view = await controller.invoke('channels:status');
    expect(view.channels.map((channel) => channel.id)).toEqual(['telegram', 'discord']);
    // An answer in the wrong shape is a failure with the reason, not a success.
    const odd = await controller.invoke('channels:stop', { channel: 'telegram', accountId: 'default' });
    expect(odd.ok).toBe(false);
    expect(odd.message).toMatch(/^channels.stop answered in an unexpected shape/);
    operator.answer = (method) => (method === 'channels.stop' ? { channel: 'telegram', accountId: 'default', stopped: true } : channelsStatus());
    expect(await controller.invoke('channels:stop', { channel: 'telegram', accountId: 'default' })).toEqual({ ok: true });
    await expect.poll(() => eventsOf('channels:changed').length).toBeGreaterThan(0);
    await controller.shutdown({ stopGateway: false });
  });
});
