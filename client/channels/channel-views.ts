/**
 * Gateway channel shapes → the Settings window's Channels section and the Pairing panel's chat
 * senders, and a bot token → the config.patch that stores it. The gateway's answers are parsed
 * with the protocol's own schemas (shared/protocol/channels): what the protocol requires is
 * checked, unknown fields pass. Pure, so tests cover it under Node.
 */
import type {
  ChannelAccountView,
  ChannelHealth,
  ChannelsView,
  ChatChannelView,
  SenderPairingView,
  TokenChannelId,
} from '../../shared/ipc/contract.js';
import { ChannelsEventPayloads, type ChannelPairingRequest } from '../../shared/protocol/channels/events.js';
import { ChannelsResults, type ChannelAccountSnapshot } from '../../shared/protocol/channels/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { Static } from 'typebox';
import { clip } from '../text/clip.js';

export const channelsStatusResult = compileSchema(ChannelsResults['channels.status']);
export const channelsStartResult = compileSchema(ChannelsResults['channels.start']);
export const channelsStopResult = compileSchema(ChannelsResults['channels.stop']);
export const channelsLogoutResult = compileSchema(ChannelsResults['channels.logout']);
export const channelsPairingListResult = compileSchema(ChannelsResults['channels.pairing.list']);
export const channelsPairingApproveResult = compileSchema(ChannelsResults['channels.pairing.approve']);
export const channelsPairingDismissResult = compileSchema(ChannelsResults['channels.pairing.dismiss']);
export const channelPairingRequestedPayload = compileSchema(ChannelsEventPayloads['channels.pairing.requested']);

type ChannelsStatusResult = Static<typeof ChannelsResults['channels.status']>;

/** The config key of each channel's bot token (gateway/core/config/schema/channels.ts). */
export const TOKEN_KEYS: Readonly<Record<TokenChannelId, string>> = { telegram: 'botToken', discord: 'token' };
const TOKEN_CHANNELS = Object.keys(TOKEN_KEYS) as TokenChannelId[];
const TOKEN_LABELS: Readonly<Record<TokenChannelId, string>> = { telegram: 'Telegram', discord: 'Discord' };

const KNOWN_HEALTH: ReadonlySet<string> = new Set<ChannelHealth>([
  'connected',
  'connecting',
  'backoff',
  'stopped',
  'unauthorized',
  'rate-limited',
  'error',
  'not-configured',
  'disabled',
  'logged-out',
]);

/** Texts cut for the view (the gateway keeps them whole). */
const MAX_ERROR = 500;

export function isTokenChannel(id: string): id is TokenChannelId {
  return (TOKEN_CHANNELS as string[]).includes(id);
}

export function accountView(snapshot: ChannelAccountSnapshot, defaultAccountId: string): ChannelAccountView {
  const health: ChannelHealth = KNOWN_HEALTH.has(snapshot.healthState) ? (snapshot.healthState as ChannelHealth) : 'unknown';
  const probe = probeView(snapshot.probe);
  const tokenSet = snapshot.configured;
  return {
    accountId: snapshot.accountId,
    enabled: snapshot.enabled,
    running: snapshot.running,
    connected: snapshot.connected,
    reconnectAttempts: snapshot.reconnectAttempts,
    lastConnectedAt: snapshot.lastConnectedAt,
    lastInboundAt: snapshot.lastInboundAt,
    lastOutboundAt: snapshot.lastOutboundAt,
    lastProbeAt: snapshot.lastProbeAt,
    health,
    ...(health === 'unknown' ? { healthLabel: clip(snapshot.healthState, 64) } : {}),
    token: tokenSet ? 'set' : 'not-set',
    ...(tokenSet && snapshot.tokenSource && snapshot.tokenSource !== 'none' ? { tokenSource: snapshot.tokenSource } : {}),
    ...(snapshot.lastError ? { lastError: clip(snapshot.lastError, MAX_ERROR) } : {}),
    ...(probe === undefined ? {} : { probe }),
    isDefault: snapshot.accountId === defaultAccountId,
  };
}

/**
 * channels.status → the section. Telegram and Discord are always listed (a token can be added
 * before the gateway knows the channel); other channels the gateway reports are shown read-only.
 */
export function channelsView(result: ChannelsStatusResult, served: ChannelsView['actions']): ChannelsView {
  const ids = [...result.channelOrder];
  for (const id of TOKEN_CHANNELS) if (!ids.includes(id)) ids.push(id);
  const channels = ids.map((id): ChatChannelView => {
    const defaultAccountId = result.channelDefaultAccountId[id] ?? 'default';
    const accounts = (result.channelAccounts[id] ?? []).map((snapshot) => accountView(snapshot, defaultAccountId));
    accounts.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.accountId.localeCompare(b.accountId));
    const label = result.channelLabels[id] ?? (isTokenChannel(id) ? TOKEN_LABELS[id] : id);
    return { id, label, ...(isTokenChannel(id) ? { tokenChannel: id } : {}), defaultAccountId, accounts };
  });
  return { state: 'ready', channels, actions: served, checkedAtMs: result.ts };
}

/** A probe's outcome as the gateway reports it (`{ok, error?}` or a plugin's own shape). */
function probeView(probe: unknown): ChannelAccountView['probe'] {
  if (typeof probe !== 'object' || probe === null || !('ok' in probe) || typeof probe.ok !== 'boolean') return undefined;
  const record = probe as Record<string, unknown>;
  const detail = typeof record['error'] === 'string' ? record['error'] : undefined;
  return { ok: probe.ok, ...(detail ? { detail: clip(detail, MAX_ERROR) } : {}) };
}

export function senderPairingView(request: ChannelPairingRequest): SenderPairingView {
  return {
    requestId: request.requestId,
    code: request.requestId,
    channel: request.channel,
    channelLabel: request.channelLabel,
    accountId: request.accountId,
    senderId: request.senderId,
    senderLabel: clip(request.senderLabel, 200),
    requestedAtMs: timeOf(request.createdAt),
    expiresAtMs: timeOf(request.expiresAt),
  };
}

export function senderPairingViews(requests: readonly ChannelPairingRequest[]): SenderPairingView[] {
  return requests.map(senderPairingView).sort((a, b) => a.requestedAtMs - b.requestedAtMs || a.requestId.localeCompare(b.requestId));
}

/**
 * The merge patch that stores `token` for one account: the channel's own key for its default
 * account unless that account is written out under `accounts`, else `accounts.<id>.<key>`.
 */
export function tokenPatch(channel: TokenChannelId, accountId: string, token: string, namedAccounts: readonly string[], defaultAccountId: string): Record<string, unknown> {
  const key = TOKEN_KEYS[channel];
  const underAccounts = accountId !== defaultAccountId || namedAccounts.includes(accountId);
  const block = underAccounts ? { accounts: { [accountId]: { [key]: token } } } : { [key]: token };
  return { channels: { [channel]: block } };
}

/** The account ids written out under `channels.<id>.accounts` in a (redacted) config. */
export function namedAccountsOf(config: Record<string, unknown>, channel: string): string[] {
  const channels = config['channels'];
  if (!isRecord(channels)) return [];
  const block = channels[channel];
  if (!isRecord(block) || !isRecord(block['accounts'])) return [];
  return Object.keys(block['accounts']);
}

/** Removes every occurrence of `secret` from a message (a gateway error could echo what it was given). */
export function withoutSecret(message: string, secret: string): string {
  return secret.length === 0 ? message : message.split(secret).join('•••');
}

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

