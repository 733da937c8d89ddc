import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { PollParams, SendParams } from '../../../shared/protocol/channels/params.js';
import { canonicalSessionKey } from '../../agent/session-keys.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { ChannelAccount, ChannelPlugin } from './channel-plugin.js';
import type { ChannelsService } from './channels-service.js';
import { recordedSend } from './recorded-send.js';

function targetOf(plugin: ChannelPlugin, to: string): string {
  const chatId = plugin.outbound.parseTarget(to);
  if (!chatId) throw invalidRequest(`invalid "to" for ${plugin.id}: ${JSON.stringify(to.slice(0, 80))} (${plugin.outbound.targetHint ?? 'a chat id such as 123456789, -1001234567890 or @channelname'})`, { channel: plugin.id });
  return chatId;
}

/**
 * `send` and `poll` (research note §3, spec §12). Duplicate idempotency keys share one delivery:
 * the router deduplicates both (method-catalogue.ts marks their keys required), waiting for the
 * first call and replaying its answer or error.
 */
export function outboundMethods(service: ChannelsService): MethodDefinition[] {
  const { manager, context } = service;

  /** Runs one delivery; a refusal is UNAVAILABLE with the channel's reason, and shows on the account. */
  const deliver = <T>(account: ChannelAccount, work: () => Promise<T>): Promise<T> => recordedSend(manager.status, context.clock.now, account, work);

  const mirror = (sessionKey: string, text: string, runId: string) => {
    const address = canonicalSessionKey(sessionKey, context.config.roster().defaultAgentId ?? 'main');
    const session = context.store.sessions.get(address.sessionKey);
    if (!session) return;
    context.store.transcript.append({ sessionKey: session.sessionKey, sessionId: session.sessionId, runId, role: 'assistant', content: [{ type: 'text', text }], meta: {}, ts: context.clock.now() });
  };

  return [
    defineMethod({
      name: 'send',
      params: SendParams,
      handler: async ({ params }) => {
        const { plugin, account } = service.requireAccount(service.channelFor(params.channel), params.accountId);
        const chatId = targetOf(plugin, params.to);
        const media = [...(params.mediaUrl ? [params.mediaUrl] : []), ...(params.mediaUrls ?? [])];
        const text = params.message ?? '';
        if (text.trim().length === 0 && media.length === 0) throw invalidRequest('send needs a message or a mediaUrl');
        if (media.length > 0 && !plugin.capabilities.media) throw invalidRequest(`${plugin.id} cannot send media`);
        if (!account.configured) throw invalidRequest(`${plugin.id} account ${account.accountId} has no token`);
        const sent = await deliver(account, async () => {
          const ids: { messageId: string; chatId: string }[] = [];
          for (const url of media) ids.push(await plugin.outbound.sendMedia(account, chatId, url));
          for (const chunk of plugin.outbound.chunk(text, plugin.outbound.textChunkLimit)) ids.push(await plugin.outbound.sendText(account, chatId, chunk));
          return ids;
        });
        if (params.sessionKey && text.length > 0) mirror(params.sessionKey, text, params.idempotencyKey);
        const last = sent.at(-1)!;
        return { runId: params.idempotencyKey, messageId: last.messageId, messageIds: sent.map((s) => s.messageId), channel: plugin.id, accountId: account.accountId, chatId: last.chatId };
      },
    }),
    defineMethod({
      name: 'poll',
      params: PollParams,
      handler: async ({ params }) => {
        const { plugin, account } = service.requireAccount(service.channelFor(params.channel), params.accountId);
        const sendPoll = plugin.outbound.sendPoll;
        if (!plugin.capabilities.polls || !sendPoll) throw invalidRequest('unsupported poll channel', { channel: plugin.id });
        const chatId = targetOf(plugin, params.to);
        if (params.options.length > plugin.capabilities.maxPollOptions) throw invalidRequest(`${plugin.id} polls take at most ${plugin.capabilities.maxPollOptions} options`);
        if (params.maxSelections !== undefined && params.maxSelections > params.options.length) throw invalidRequest('maxSelections is more than the number of options');
        const durationSeconds = params.durationSeconds ?? (params.durationHours !== undefined ? params.durationHours * 3600 : undefined);
        const sent = await deliver(account, () =>
          sendPoll(account, chatId, {
            question: params.question,
            options: params.options,
            ...(params.maxSelections !== undefined ? { maxSelections: params.maxSelections } : {}),
            ...(durationSeconds !== undefined ? { durationSeconds } : {}),
          }),
        );
        return { runId: params.idempotencyKey, messageId: sent.messageId, channel: plugin.id, accountId: account.accountId, chatId: sent.chatId, ...(sent.pollId ? { pollId: sent.pollId } : {}) };
      },
    }),
  ];
}
