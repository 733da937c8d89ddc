import { ErrorCode, GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { ChannelDelivery } from '../../composition/feature-context.js';
import type { ChannelsService } from './channels-service.js';

/**
 * `deliver: true`, cron and heartbeat delivery: text to an explicit chat, or to "last" — the chat
 * the session's agent last heard from (recorded by the inbound path on every DM).
 */
export function channelDeliveryOf(service: ChannelsService): ChannelDelivery {
  return {
    async deliver(request) {
      const explicit = request.channel !== undefined && request.channel !== 'last' && request.to !== undefined;
      let channel = request.channel;
      let to = request.to;
      let accountId = request.accountId;
      if (!explicit) {
        const agentId = /^agent:([^:]+):/.exec(request.sessionKey)?.[1] ?? service.context.config.roster().defaultAgentId ?? 'main';
        const last = service.lastRoutes.get(`agent:${agentId}:main`);
        if (!last) throw invalidRequest(`no chat to deliver to: agent ${agentId} has not heard from anyone on a channel yet (name channel and to)`);
        channel = last.channel;
        to = last.to;
        accountId ??= last.accountId;
      }
      const { plugin, account } = service.requireAccount(service.channelFor(channel), accountId);
      const chatId = plugin.outbound.parseTarget(to ?? '');
      if (!chatId) throw invalidRequest(`invalid "to" for ${plugin.id}: ${JSON.stringify((to ?? '').slice(0, 80))}`);
      const messageIds: string[] = [];
      try {
        for (const chunk of plugin.outbound.chunk(request.text, plugin.outbound.textChunkLimit)) messageIds.push((await plugin.outbound.sendText(account, chatId, chunk)).messageId);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        service.manager.status.patch(plugin.id, account.accountId, { lastError: message });
        throw new GatewayError(ErrorCode.unavailable, message);
      }
      service.manager.status.patch(plugin.id, account.accountId, { lastOutboundAt: Date.now() });
      return { channel: plugin.id, accountId: account.accountId, to: chatId, messageIds };
    },
  };
}
