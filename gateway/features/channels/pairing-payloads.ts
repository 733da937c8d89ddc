import type { ChannelPairingRequest } from '../../../shared/protocol/channels/events.js';
import type { ChannelPlugin } from './channel-plugin.js';
import type { SenderPairingRequest } from './sender-pairing.js';

/** A stored request in its protocol-4 shape (`channels.pairing.list`, `channels.pairing.requested`). */
export function pairingRequestPayload(request: SenderPairingRequest, plugin: ChannelPlugin | undefined): ChannelPairingRequest {
  return {
    requestId: request.code,
    channel: request.channel,
    channelLabel: plugin?.meta.label ?? request.channel,
    accountId: request.accountId,
    senderId: request.senderId,
    senderLabel: request.senderLabel,
    createdAt: new Date(request.createdAt).toISOString(),
    lastSeenAt: new Date(request.lastSeenAt).toISOString(),
    expiresAt: new Date(request.expiresAt).toISOString(),
    notifySupported: true,
  };
}
