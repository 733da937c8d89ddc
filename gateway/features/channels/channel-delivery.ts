import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { ChannelDelivery, DeliveryRequest } from '../../composition/feature-context.js';
import type { ChannelAccount, ChannelPlugin } from './channel-plugin.js';
import type { ChannelsService } from './channels-service.js';
import { recordedSend } from './recorded-send.js';
import { canonicalSessionKey } from '../../agent/session-keys.js';

interface ResolvedTarget {
  readonly plugin: ChannelPlugin;
  readonly account: ChannelAccount;
  readonly chatId: string;
}

/** The message that says how to get a channel, when none is configured (or channels are skipped). */
export function noChannelReason(service: ChannelsService): string | undefined {
  if (service.configuredChannels().length > 0) return undefined;
  return 'no chat channel is configured to deliver to: add a bot token under channels.telegram (botToken) or channels.discord (token) in the config, or send without deliver';
}

/**
 * `deliver: true`, cron and heartbeat delivery: text to an explicit chat, or to "last" — the chat
 * the session's agent last heard from (recorded by the inbound path on every DM).
 */
export function channelDeliveryOf(service: ChannelsService): ChannelDelivery {
  function resolve(request: Omit<DeliveryRequest, 'text'>): ResolvedTarget {
    const reason = noChannelReason(service);
    if (reason) throw new GatewayError(ErrorCode.unavailable, reason);
    let channel = request.channel === 'last' ? undefined : request.channel;
    let to = request.to;
    let accountId = request.accountId;
    // No `to`: the chat the agent last heard from (a `to` without a channel goes to the only configured one).
    if (to === undefined) {
      const { agentId } = canonicalSessionKey(request.sessionKey, service.context.config.roster().defaultAgentId ?? 'main');
      const last = service.lastRoutes.get(`agent:${agentId}:main`);
      if (!last) throw invalidRequest(`no chat to deliver to: agent ${agentId} has not heard from anyone on a channel yet (name channel and to)`);
      if (channel !== undefined && last.channel !== channel.toLowerCase()) {
        throw invalidRequest(`no ${channel} chat to deliver to: agent ${agentId} last heard from ${last.channel} (name "to")`);
      }
      channel = last.channel;
      to = last.to;
      accountId ??= last.accountId;
    }
    const { plugin, account } = service.requireAccount(service.channelFor(channel), accountId);
    const chatId = plugin.outbound.parseTarget(to ?? '');
    if (!chatId) throw invalidRequest(`invalid "to" for ${plugin.id}: ${JSON.stringify((to ?? '').slice(0, 80))}`);
    return { plugin, account, chatId };
  }

  return {
    unavailableReason: () => noChannelReason(service),
    check: (request) => void resolve(request),
    async deliver(request) {
      const { plugin, account, chatId } = resolve(request);
      const messageIds = await recordedSend(service.manager.status, service.context.clock.now, account, async () => {
        const ids: string[] = [];
        for (const chunk of plugin.outbound.chunk(request.text, plugin.outbound.textChunkLimit)) ids.push((await plugin.outbound.sendText(account, chatId, chunk)).messageId);
        return ids;
      });
      return { channel: plugin.id, accountId: account.accountId, to: chatId, messageIds };
    },
  };
}
