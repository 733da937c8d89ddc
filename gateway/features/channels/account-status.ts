import type { ChannelAccountSnapshot } from '../../../shared/protocol/channels/results.js';
import type { ChannelAccount } from './channel-plugin.js';

/** What a running account (or the manager) reports about it. */
export type AccountStatusPatch = Partial<
  Pick<ChannelAccountSnapshot, 'connected' | 'healthState' | 'lastError' | 'lastConnectedAt' | 'lastInboundAt' | 'lastOutboundAt' | 'lastProbeAt' | 'mode' | 'baseUrl' | 'probe'>
>;

function fresh(account: ChannelAccount): ChannelAccountSnapshot {
  return {
    accountId: account.accountId,
    enabled: account.enabled,
    configured: account.configured,
    running: false,
    connected: false,
    healthState: !account.enabled ? 'disabled' : account.configured ? 'stopped' : 'not-configured',
    reconnectAttempts: 0,
    lastConnectedAt: null,
    lastError: null,
    lastStartAt: null,
    lastStopAt: null,
    lastInboundAt: null,
    lastOutboundAt: null,
    lastProbeAt: null,
  };
}

/**
 * The status snapshot of every account (connected, last error with its reason, last inbound and
 * outbound time): what channels.status, the feature's `status` entry and the tray show. A failed
 * account keeps its reason here; it never just goes quiet.
 */
export class AccountStatusBoard {
  private readonly snapshots = new Map<string, ChannelAccountSnapshot>();

  private static key(channel: string, accountId: string): string {
    return `${channel}\u0000${accountId}`;
  }

  /** Adopts a (re)configured account, keeping its history. */
  track(account: ChannelAccount): void {
    const key = AccountStatusBoard.key(account.channel, account.accountId);
    const previous = this.snapshots.get(key);
    const base = fresh(account);
    this.snapshots.set(key, previous ? { ...previous, enabled: base.enabled, configured: base.configured, ...(previous.running ? {} : { healthState: previous.lastError && base.configured && base.enabled ? previous.healthState : base.healthState }) } : base);
    this.patch(account.channel, account.accountId, { dmPolicy: account.policy.dmPolicy, allowFrom: [...account.policy.allowFrom], tokenSource: account.tokenSource });
  }

  forget(channel: string, accountId: string): void {
    this.snapshots.delete(AccountStatusBoard.key(channel, accountId));
  }

  patch(channel: string, accountId: string, patch: AccountStatusPatch & Partial<ChannelAccountSnapshot>): void {
    const key = AccountStatusBoard.key(channel, accountId);
    const current = this.snapshots.get(key);
    if (current) this.snapshots.set(key, { ...current, ...patch });
  }

  get(channel: string, accountId: string): ChannelAccountSnapshot | undefined {
    return this.snapshots.get(AccountStatusBoard.key(channel, accountId));
  }

  byChannel(channel: string): ChannelAccountSnapshot[] {
    return [...this.snapshots.entries()].filter(([key]) => key.startsWith(`${channel}\u0000`)).map(([, snapshot]) => snapshot);
  }
}
