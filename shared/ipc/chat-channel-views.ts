/** What Settings and the Pairing panel see of chat channels and sender pairing (part of the IPC contract, contract.ts). Types only. */
import type { ChannelPairingRequest } from '../protocol/channels/events.js';
import type { ChannelAccountSnapshot } from '../protocol/channels/results.js';

// Derived from the protocol's result types (shared/protocol/channels/results.ts, events.ts).

/** The channels whose bot token Settings can set (the config key differs: `botToken`, `token`). */
export type TokenChannelId = 'telegram' | 'discord';

/**
 * An account's health as channels.status reports it (`healthState`); `unknown` for a state this
 * companion does not know (a newer gateway), shown with the gateway's own word.
 */
export type ChannelHealth =
  | 'connected'
  | 'connecting'
  | 'backoff'
  | 'stopped'
  | 'unauthorized'
  | 'rate-limited'
  | 'error'
  | 'not-configured'
  | 'disabled'
  | 'logged-out'
  | 'unknown';

export interface ChannelAccountView
  extends Pick<ChannelAccountSnapshot, 'accountId' | 'enabled' | 'running' | 'connected' | 'reconnectAttempts' | 'lastConnectedAt' | 'lastInboundAt' | 'lastOutboundAt' | 'lastProbeAt'> {
  health: ChannelHealth;
  /** The gateway's word for the state, when `health` is `unknown`. */
  healthLabel?: string;
  /** Whether the account has a token: never the token itself. */
  token: 'set' | 'not-set';
  /** Where the token comes from (`config`, `env`, `tokenFile`), when set. */
  tokenSource?: string;
  lastError?: string;
  /** The last "Check now" result, when the gateway ran a probe. */
  probe?: { ok: boolean; detail?: string };
  isDefault: boolean;
}

export interface ChatChannelView {
  id: string;
  label: string;
  /** Settings can set this channel's token. */
  tokenChannel?: TokenChannelId;
  defaultAccountId: string;
  accounts: ChannelAccountView[];
}

export interface ChannelsView {
  /** `offline`: no operator connection; `unsupported`: the gateway does not serve channels.status. */
  state: 'ready' | 'offline' | 'unsupported';
  channels: ChatChannelView[];
  /** Which of start / stop / logout the gateway serves. */
  actions: { start: boolean; stop: boolean; logout: boolean };
  checkedAtMs?: number;
}

export interface ChannelAccountRef {
  channel: string;
  accountId: string;
}

export interface ChannelTokenInput {
  channel: TokenChannelId;
  /** The account to set it for; the channel's default account when absent. */
  accountId?: string;
  /** Sent once, written into the gateway's config by main, never read back. */
  token: string;
}

/** A chat sender (Telegram, Discord) waiting to be allowed to talk to the agent. */
export interface SenderPairingView extends Pick<ChannelPairingRequest, 'requestId' | 'channel' | 'channelLabel' | 'accountId' | 'senderId' | 'senderLabel'> {
  /** The code the sender was given (the request id). */
  code: string;
  requestedAtMs: number;
  expiresAtMs: number;
}

export interface SenderPairingListView {
  /** `unsupported`: the gateway does not serve channels.pairing.list (the section is hidden). */
  state: 'ready' | 'offline' | 'unsupported';
  requests: SenderPairingView[];
}
