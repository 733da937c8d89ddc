import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import {
  ChannelsPairingApproveParams,
  ChannelsPairingDismissParams,
  ChannelsPairingListParams,
} from '../../../shared/protocol/channels/params.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import { normalisePairingCode, PAIRING_MAX_PENDING_PER_ACCOUNT, PAIRING_TTL_MS } from './pairing-codes.js';
import { pairingRequestPayload } from './pairing-payloads.js';
import { APPROVED_NOTICE } from './pairing-texts.js';
import { recordedSend } from './recorded-send.js';
import type { ChannelsService } from './channels-service.js';

/** channels.pairing.list / approve / dismiss (protocol-4 shapes; research note §3). */
export function pairingMethods(service: ChannelsService): MethodDefinition[] {
  const { pairing, manager } = service;
  const unknownRequest = (requestId: string) => invalidRequest(`unknown or expired pairing request: ${requestId}`, { requestId });
  return [
    defineMethod({
      name: 'channels.pairing.list',
      params: ChannelsPairingListParams,
      handler: ({ params }) => {
        const accounts = manager.plugins
          .filter((plugin) => !params.channel || plugin.id === params.channel)
          .flatMap((plugin) => manager.accountsOf(plugin.id).map((account) => ({ channel: plugin.id, channelLabel: plugin.meta.label, accountId: account.accountId, notifySupported: true })))
          .filter((account) => !params.accountId || account.accountId === params.accountId);
        const requests = pairing
          .list({ ...(params.channel ? { channel: params.channel } : {}), ...(params.accountId ? { accountId: params.accountId } : {}) })
          .map((request) => pairingRequestPayload(request, manager.plugin(request.channel)));
        const owners = service.context.config.current().config.commands?.ownerAllowFrom;
        return {
          accounts,
          requests,
          commandOwnerConfigured: Array.isArray(owners) && owners.length > 0,
          limits: { pendingPerAccount: PAIRING_MAX_PENDING_PER_ACCOUNT, ttlMs: PAIRING_TTL_MS },
        };
      },
    }),
    defineMethod({
      name: 'channels.pairing.approve',
      params: ChannelsPairingApproveParams,
      handler: async ({ params, session }) => {
        const plugin = service.requirePlugin(params.channel);
        const code = normalisePairingCode(params.requestId);
        const approved = pairing.approve(plugin.id, params.accountId, code, session.client.displayName || session.client.id);
        if (!approved) throw unknownRequest(params.requestId);
        service.context.logger.info({ channel: plugin.id, accountId: params.accountId, senderId: approved.senderId }, 'channel sender approved');
        let notification: 'not-requested' | 'sent' | 'failed' = 'not-requested';
        const account = manager.account(plugin.id, params.accountId);
        if (params.notify !== false && account) {
          notification = await recordedSend(manager.status, service.context.clock.now, account, () => plugin.outbound.sendText(account, approved.replyTarget, APPROVED_NOTICE)).then(
            () => 'sent' as const,
            () => 'failed' as const,
          );
        }
        return { requestId: code, senderId: approved.senderId, notification, commandOwnerBootstrap: 'not-requested' as const };
      },
    }),
    defineMethod({
      name: 'channels.pairing.dismiss',
      params: ChannelsPairingDismissParams,
      handler: ({ params, session }) => {
        const plugin = service.requirePlugin(params.channel);
        const dismissed = pairing.dismiss(plugin.id, params.accountId, normalisePairingCode(params.requestId), session.client.displayName || session.client.id);
        if (!dismissed) throw unknownRequest(params.requestId);
        return { requestId: dismissed.code, senderId: dismissed.senderId };
      },
    }),
  ];
}
