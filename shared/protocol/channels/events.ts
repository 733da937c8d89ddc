import Type, { type Static } from 'typebox';

// Payloads of the channel events. Open objects: the companion reads other gateways' events too.

const Id = Type.String({ minLength: 1 });

/**
 * One sender waiting for approval (research note §3, protocol-4 `channels.pairing.list` entry):
 * the `channels.pairing.requested` payload, sent to operator.pairing clients. `requestId` is the
 * code the sender was given, so `gatehouse pairing approve <channel> <code>` can name it.
 */
export const ChannelPairingRequestSchema = Type.Object({
  requestId: Id,
  channel: Id,
  channelLabel: Id,
  accountId: Id,
  senderId: Id,
  senderLabel: Id,
  createdAt: Id,
  lastSeenAt: Id,
  expiresAt: Id,
  notifySupported: Type.Boolean(),
});
export type ChannelPairingRequest = Static<typeof ChannelPairingRequestSchema>;

/**
 * `channels.pairing.resolved`, to operator.pairing clients like the request event: a request was
 * approved or dismissed (by `resolvedBy`, an operator's client name) or passed its hour (`expired`).
 * The tray removes it from the Pairing panel and withdraws its notification.
 */
export const ChannelPairingResolvedSchema = Type.Object({
  requestId: Id,
  channel: Id,
  accountId: Id,
  senderId: Id,
  decision: Type.Union([Type.Literal('approved'), Type.Literal('dismissed'), Type.Literal('expired')]),
  resolvedAt: Id,
  resolvedBy: Type.Optional(Type.String()),
});
export type ChannelPairingResolved = Static<typeof ChannelPairingResolvedSchema>;

/** Event → payload schema of the channels family (shared/protocol/event-payloads.ts). */
export const ChannelsEventPayloads = {
  'channels.pairing.requested': ChannelPairingRequestSchema,
  'channels.pairing.resolved': ChannelPairingResolvedSchema,
} as const;
