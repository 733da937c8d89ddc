import Type, { type Static } from 'typebox';
import { ChannelPairingRequestSchema } from './events.js';

// Results of channels.*, send, poll and web.login.* (methods.json, research note §3, protocol-4
// shapes). Open objects: the companion parses other gateways' answers with these.

const Id = Type.String({ minLength: 1 });
const Ms = Type.Integer({ minimum: 0 });
const NullableMs = Type.Union([Ms, Type.Null()]);

/** One account as `channels.status` shows it (the v4 field names). */
export const ChannelAccountSnapshotSchema = Type.Object({
  accountId: Id,
  enabled: Type.Boolean(),
  configured: Type.Boolean(),
  running: Type.Boolean(),
  connected: Type.Boolean(),
  /** `connected`, `connecting`, `backoff`, `stopped`, `unauthorized`, `rate-limited`, `error`, `not-configured`, `disabled`, `logged-out`. */
  healthState: Type.String(),
  reconnectAttempts: Ms,
  lastConnectedAt: NullableMs,
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastStartAt: NullableMs,
  lastStopAt: NullableMs,
  lastInboundAt: NullableMs,
  lastOutboundAt: NullableMs,
  lastProbeAt: NullableMs,
  mode: Type.Optional(Type.String()),
  dmPolicy: Type.Optional(Type.String()),
  allowFrom: Type.Optional(Type.Array(Type.String())),
  tokenSource: Type.Optional(Type.String()),
  baseUrl: Type.Optional(Type.String()),
  probe: Type.Optional(Type.Unknown()),
});
export type ChannelAccountSnapshot = Static<typeof ChannelAccountSnapshotSchema>;

export const ChannelsStatusResultSchema = Type.Object({
  ts: Ms,
  channelOrder: Type.Array(Id),
  channelLabels: Type.Record(Type.String(), Id),
  channelDetailLabels: Type.Record(Type.String(), Id),
  channelMeta: Type.Array(Type.Object({ id: Id, label: Id, detailLabel: Id })),
  channels: Type.Record(Type.String(), Type.Unknown()),
  channelAccounts: Type.Record(Type.String(), Type.Array(ChannelAccountSnapshotSchema)),
  channelDefaultAccountId: Type.Record(Type.String(), Id),
});

export const ChannelsLogoutResultSchema = Type.Object({ channel: Id, accountId: Id, cleared: Type.Boolean(), loggedOut: Type.Boolean(), message: Type.String() });
export const ChannelsStartResultSchema = Type.Object({
  channel: Id,
  accountId: Id,
  started: Type.Boolean(),
  outcome: Type.Object({ status: Type.String(), reason: Type.Optional(Type.String()) }),
});
export const ChannelsStopResultSchema = Type.Object({ channel: Id, accountId: Id, stopped: Type.Boolean() });

export const ChannelsPairingListResultSchema = Type.Object({
  accounts: Type.Array(Type.Object({ channel: Id, channelLabel: Id, accountId: Id, notifySupported: Type.Boolean() })),
  requests: Type.Array(ChannelPairingRequestSchema),
  commandOwnerConfigured: Type.Boolean(),
  limits: Type.Object({ pendingPerAccount: Ms, ttlMs: Ms }),
});
export const ChannelsPairingApproveResultSchema = Type.Object({
  requestId: Id,
  senderId: Id,
  notification: Type.Union([Type.Literal('not-requested'), Type.Literal('sent'), Type.Literal('unsupported'), Type.Literal('failed')]),
  commandOwnerBootstrap: Type.Literal('not-requested'),
});
export const ChannelsPairingDismissResultSchema = Type.Object({ requestId: Id, senderId: Id });

/** `send`: `runId` is the idempotency key; `messageId` the last message sent (a long text is several). */
export const SendResultSchema = Type.Object({
  runId: Id,
  messageId: Id,
  messageIds: Type.Array(Id),
  channel: Id,
  accountId: Id,
  chatId: Type.Optional(Type.String()),
});
export const PollResultSchema = Type.Object({
  runId: Id,
  messageId: Id,
  channel: Id,
  accountId: Id,
  chatId: Type.Optional(Type.String()),
  pollId: Type.Optional(Type.String()),
});

export const WebLoginStartResultSchema = Type.Object({ message: Type.String(), qrDataUrl: Type.Optional(Type.String()) });
export const WebLoginWaitResultSchema = Type.Object({ connected: Type.Boolean(), message: Type.String() });

/** Method → result schema, for shared/protocol/result-schemas.ts (`...ChannelsResults`). */
export const ChannelsResults = {
  'channels.status': ChannelsStatusResultSchema,
  'channels.logout': ChannelsLogoutResultSchema,
  'channels.start': ChannelsStartResultSchema,
  'channels.stop': ChannelsStopResultSchema,
  'channels.pairing.list': ChannelsPairingListResultSchema,
  'channels.pairing.approve': ChannelsPairingApproveResultSchema,
  'channels.pairing.dismiss': ChannelsPairingDismissResultSchema,
  send: SendResultSchema,
  poll: PollResultSchema,
  'web.login.start': WebLoginStartResultSchema,
  'web.login.wait': WebLoginWaitResultSchema,
} as const;
