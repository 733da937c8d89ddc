import type { GatehouseConfig } from '../../core/config/index.js';
import type { AccessPolicy } from './access-policy.js';
import type { ChannelInbox } from './channel-inbox-repository.js';
import type { AccountStatusPatch } from './account-status.js';
import type { WebhookHandler } from './channel-webhooks.js';

// Our channel plugin contract, shaped after OpenClaw's (research note §3): config/accounts, a
// long-running start with an abort signal, logout, outbound with a per-channel chunker and limit,
// probe, capabilities. A channel is one folder (telegram/, later discord/) exporting one of these.

export type ChatKind = 'dm' | 'group' | 'channel';

/** One configured account, resolved from `channels.<id>` and `channels.<id>.accounts.<accountId>`. */
export interface ChannelAccount {
  readonly channel: string;
  readonly accountId: string;
  readonly enabled: boolean;
  /** It has what it needs to connect (a token). */
  readonly configured: boolean;
  readonly policy: AccessPolicy;
  /** Where the credential came from (`config`, `env`, `tokenFile`, `none`); never the credential. */
  readonly tokenSource: string;
  /** Channel-specific settings (token, API root). Never logged or returned to clients. */
  readonly settings: Readonly<Record<string, string | undefined>>;
  /** Changes when a config edit needs the account restarted. */
  readonly fingerprint: string;
}

/** An image a person sent (a Telegram photo or image document, a Discord image attachment). */
export interface InboundImage {
  readonly fileName?: string;
  /** What the channel says it is; the bytes decide (inbound-images.ts). */
  readonly mimeType?: string;
  /** Its size when the channel tells it beforehand (an image over the cap is not downloaded). */
  readonly size?: number;
  /** The bytes; rejects rather than read more than `maxBytes`. */
  download(maxBytes: number, signal: AbortSignal): Promise<Buffer>;
}

/** A message a person sent, as every channel hands it to the gateway. */
export interface InboundMessage {
  readonly channel: string;
  readonly accountId: string;
  /** Unique per account (Telegram's update id): the dedupe key and the turn's run id. */
  readonly externalId: string;
  readonly chat: { readonly kind: ChatKind; readonly id: string; readonly title?: string };
  readonly sender: { readonly id: string; readonly label: string };
  readonly text: string;
  /** Images sent with the message: downloaded when it is handled and given to the agent as image parts. */
  readonly images?: readonly InboundImage[];
  /** The person sent a voice note or audio (`messages.tts.auto: "inbound"` answers it with voice too). */
  readonly voice?: boolean;
  /** The bot was @-mentioned or replied to (groups). */
  readonly mentioned: boolean;
  readonly guildId?: string;
  readonly teamId?: string;
  /** Where a reply goes (`to` for sendText). */
  readonly replyTarget: string;
}

/** An audio file to send (a spoken reply in `<state dir>/tts/`). */
export interface OutboundAudio {
  readonly path: string;
  readonly mimeType: string;
  /** Ogg/Opus, fit for a voice note. */
  readonly voiceCompatible: boolean;
}

export interface SentMessage {
  readonly messageId: string;
  readonly chatId: string;
}

export interface SentPoll extends SentMessage {
  readonly pollId?: string;
}

export interface PollRequest {
  readonly question: string;
  readonly options: readonly string[];
  readonly maxSelections?: number;
  readonly durationSeconds?: number;
}

/** What a running account gets from the manager. */
export interface ChannelAccountContext {
  readonly account: ChannelAccount;
  /** Aborted when the account is stopped (stop, logout, config change, shutdown). */
  readonly abortSignal: AbortSignal;
  readonly log: ChannelLog;
  setStatus(patch: AccountStatusPatch): void;
  /** Durable receipt of inbound messages and the transport's cursor (update offset). */
  readonly inbox: ChannelInbox;
  /** Receives webhook requests on the gateway's port while the account runs (Telegram's webhook mode). */
  readonly webhooks: { register(path: string, handler: WebhookHandler): () => void };
  /** Runs the access gates, routing and the agent turn; settles once the reply was sent. */
  handleInbound(message: InboundMessage): Promise<void>;
  /**
   * Hands over a message already written to the inbox (`undefined`: nothing to answer, just mark
   * it done): in order per chat, concurrently across chats, marked done once handled
   * (inbound-queue.ts). Settles when it was handled; never rejects.
   */
  dispatch(externalId: string, message: InboundMessage | undefined): Promise<void>;
}

export interface ChannelLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * An account failure. `fatal` stops the back-off restarts (a revoked token will not heal by
 * retrying); `state` is what status shows (`unauthorized`, `rate-limited`, `error`).
 */
export class ChannelAccountError extends Error {
  constructor(
    message: string,
    readonly state: string,
    readonly fatal: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelAccountError';
  }
}

export interface ChannelPlugin {
  readonly id: string;
  readonly meta: { readonly label: string; readonly detailLabel: string; readonly order: number };
  readonly capabilities: {
    readonly chatTypes: readonly ChatKind[];
    readonly polls: boolean;
    readonly media: boolean;
    readonly edit: boolean;
    readonly maxPollOptions: number;
  };
  readonly config: {
    /** Every account the config names (configured or not). */
    listAccounts(config: GatehouseConfig, env: Readonly<Record<string, string>>): ChannelAccount[];
    defaultAccountId(config: GatehouseConfig): string;
  };
  readonly gateway: {
    /** Runs until the signal aborts (resolves) or the account fails (rejects). */
    start(context: ChannelAccountContext): Promise<void>;
    /**
     * Forgets what the channel keeps outside the config and the inbox (a linked session); the
     * manager has stopped the account. Absent for a token-only channel: channels.logout then
     * clears the inbox and says the token stays in the config.
     */
    logout?(account: ChannelAccount): Promise<{ cleared: boolean; message: string }>;
  };
  readonly outbound: {
    /** Characters per message (Telegram 4096, Discord 2000). */
    readonly textChunkLimit: number;
    chunk(text: string, limit: number): string[];
    /** The chat id `to` names, or undefined when it is malformed. */
    parseTarget(to: string): string | undefined;
    /** What a valid `to` looks like, for the error a malformed one gets. */
    readonly targetHint?: string;
    sendText(account: ChannelAccount, to: string, text: string): Promise<SentMessage>;
    sendMedia(account: ChannelAccount, to: string, mediaUrl: string, caption?: string): Promise<SentMessage>;
    sendPoll?(account: ChannelAccount, to: string, poll: PollRequest): Promise<SentPoll>;
    /** "typing…" for a few seconds. */
    sendTyping?(account: ChannelAccount, to: string): Promise<void>;
    /** A reply's audio (text to speech) after its text: a voice note when `voiceCompatible`. */
    sendAudio?(account: ChannelAccount, to: string, audio: OutboundAudio): Promise<SentMessage>;
  };
  readonly status: {
    /** Who the bot is, asked of the service (channels.status `probe`, built in channels-methods.ts). */
    identify(account: ChannelAccount, signal: AbortSignal): Promise<{ id: string; username: string }>;
    /** A failed call as the reason people read (revoked token, network, rate limit). */
    describeError(error: unknown): string;
  };
}
