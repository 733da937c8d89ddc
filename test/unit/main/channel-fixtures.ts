/** Gateway answers of the channels family, in the protocol's shapes, for the main-side tests. */
import type { ChannelPairingRequest } from '../../../shared/protocol/channels/events.js';
import type { ChannelAccountSnapshot } from '../../../shared/protocol/channels/results.js';

export const CHANNEL_METHODS = [
  'channels.status',
  'channels.start',
  'channels.stop',
  'channels.logout',
  'channels.pairing.list',
  'channels.pairing.approve',
  'channels.pairing.dismiss',
  'config.get',
  'config.patch',
];

export function account(overrides: Partial<ChannelAccountSnapshot> = {}): ChannelAccountSnapshot {
  return {
    accountId: 'default',
    enabled: true,
    configured: true,
    running: true,
    connected: true,
    healthState: 'connected',
    reconnectAttempts: 0,
    lastConnectedAt: 1_000,
    lastError: null,
    lastStartAt: 900,
    lastStopAt: null,
    lastInboundAt: 5_000,
    lastOutboundAt: 6_000,
    lastProbeAt: null,
    dmPolicy: 'pairing',
    allowFrom: [],
    tokenSource: 'config',
    ...overrides,
  };
}

export function channelsStatus(telegram: ChannelAccountSnapshot[] = [account()], extra: Record<string, unknown> = {}) {
  return {
    ts: 10_000,
    channelOrder: ['telegram', 'discord'],
    channelLabels: { telegram: 'Telegram', discord: 'Discord' },
    channelDetailLabels: { telegram: 'Telegram Bot API', discord: 'Discord Bot' },
    channelMeta: [
      { id: 'telegram', label: 'Telegram', detailLabel: 'Telegram Bot API' },
      { id: 'discord', label: 'Discord', detailLabel: 'Discord Bot' },
    ],
    channels: {},
    channelAccounts: { telegram, discord: [] },
    channelDefaultAccountId: { telegram: 'default', discord: 'default' },
    ...extra,
  };
}

export function senderRequest(overrides: Partial<ChannelPairingRequest> = {}): ChannelPairingRequest {
  return {
    requestId: 'ABCD2345',
    channel: 'telegram',
    channelLabel: 'Telegram',
    accountId: 'default',
    senderId: '4242',
    senderLabel: 'Alice (@alice)',
    createdAt: '2026-01-01T10:00:00.000Z',
    lastSeenAt: '2026-01-01T10:00:00.000Z',
    expiresAt: '2026-01-01T11:00:00.000Z',
    notifySupported: true,
    ...overrides,
  };
}

export function pairingList(requests: ChannelPairingRequest[]) {
  return {
    accounts: [{ channel: 'telegram', channelLabel: 'Telegram', accountId: 'default', notifySupported: true }],
    requests,
    commandOwnerConfigured: false,
    limits: { pendingPerAccount: 3, ttlMs: 3_600_000 },
  };
}
