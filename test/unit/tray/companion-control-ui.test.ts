/**
 * The controller's side of the tray: what "Open Control UI" signs in with for a local gateway
 * and a remote one (only with a known token), and a chat sender's notification withdrawn when
 * the gateway reports its request resolved.
 */
import { describe, expect, it } from 'vitest';
import { SENDER_PAIRING_NOTIFICATION } from '../../../main/companion/approval-prompter.js';
import type { NotificationRequest, Notifier } from '../../../main/companion/companion-ports.js';
import { CompanionController } from '../../../main/companion/companion-controller.js';
import { MemoryPreferencesStore, MemorySecretStore } from '../../../main/settings/preferences.js';
import type { Preferences } from '../../../main/settings/preferences.js';
import { MemoryLaunchAtLogin, RecordingClipboard, RecordingWindowOpener } from '../../e2e/bridge/companion-harness.js';
import { CHANNEL_METHODS, pairingList, senderRequest } from '../main/channel-fixtures.js';
import { fakeLinks } from '../main/fake-gateway-link.js';

/** Notifications that can be withdrawn, as Electron's can. */
class ClosableNotifier implements Notifier {
  readonly shown: { request: NotificationRequest; closed: boolean }[] = [];
  isSupported(): boolean {
    return true;
  }
  show(request: NotificationRequest) {
    const entry = { request, closed: false };
    this.shown.push(entry);
    return { close: () => void (entry.closed = true) };
  }
}

function setUp({ preferences = {}, remoteToken }: { preferences?: Partial<Preferences>; remoteToken?: string } = {}) {
  const links = fakeLinks();
  const secrets = new MemorySecretStore();
  if (remoteToken !== undefined) secrets.set('remoteGatewayToken', remoteToken);
  const notifier = new ClosableNotifier();
  const controller = new CompanionController({
    appInfo: { version: '9.9.9', platform: 'linux' },
    links: links.factory,
    preferences: new MemoryPreferencesStore(preferences),
    secrets,
    launchAtLogin: new MemoryLaunchAtLogin(),
    notifier,
    clipboard: new RecordingClipboard(),
    windows: new RecordingWindowOpener(),
    secretEncryption: () => 'encrypted',
    emit: () => undefined,
    channelsRefreshDelaysMs: [1],
  });
  return { controller, links, notifier };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CompanionController: Open Control UI target', () => {
  it('signs in to a local gateway with its URL, token and state dir', () => {
    const { controller } = setUp();
    expect(controller.controlUiGateway).toEqual({ url: 'ws://127.0.0.1:18789', secret: 'fake-gateway-token-0123456789', stateDir: '/tmp/fake-state' });
  });

  it('signs in to a remote gateway only when its token is known, with no state dir', () => {
    const remote = { gatewayMode: 'remote', remoteUrl: 'wss://gateway.example:18789' } as const;
    expect(setUp({ preferences: remote }).controller.controlUiGateway).toBeUndefined();
    const { controller, links } = setUp({ preferences: remote, remoteToken: 'remote-token-0123456789abcdef' });
    expect(controller.controlUiGateway).toEqual({ url: links.current().control.url, secret: 'remote-token-0123456789abcdef' });
  });
});

describe('CompanionController: channels.pairing.resolved', () => {
  it('withdraws that sender’s notification and reads the list again', async () => {
    const { controller, links, notifier } = setUp();
    const operator = links.current().operator;
    operator.methods = CHANNEL_METHODS;
    let waiting = [senderRequest(), senderRequest({ requestId: 'LATER234' })];
    operator.answer = (method) => (method === 'channels.pairing.list' ? pairingList(waiting) : { ok: true });

    operator.emit('channels.pairing.requested', senderRequest());
    operator.emit('channels.pairing.requested', senderRequest({ requestId: 'LATER234' }));
    await settle();
    expect(notifier.shown.map((entry) => entry.request.body)).toEqual([SENDER_PAIRING_NOTIFICATION, SENDER_PAIRING_NOTIFICATION]);
    const pairingBefore = controller.status.counts.pairing;

    waiting = [senderRequest({ requestId: 'LATER234' })];
    operator.emit('channels.pairing.resolved', {
      requestId: 'ABCD2345',
      channel: 'telegram',
      accountId: 'default',
      senderId: '4242',
      decision: 'approved',
      resolvedAt: '2026-01-01T10:05:00.000Z',
      resolvedBy: 'gatehouse-cli',
    });
    await settle();
    expect(notifier.shown.map((entry) => entry.closed)).toEqual([true, false]);
    expect(controller.status.counts.pairing).toBe(pairingBefore - 1);
  });
});
