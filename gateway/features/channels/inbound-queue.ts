import type { ChannelInbox } from './channel-inbox-repository.js';
import type { ChannelLog, InboundMessage } from './channel-plugin.js';
import type { AccountStatusPatch } from './account-status.js';

export interface InboundQueueOptions {
  readonly channel: string;
  readonly accountId: string;
  readonly inbox: ChannelInbox;
  readonly abortSignal: AbortSignal;
  readonly log: ChannelLog;
  setStatus(patch: AccountStatusPatch): void;
  handleInbound(message: InboundMessage): Promise<void>;
}

/**
 * What every channel does with a message it has written to its inbox: messages of one chat run
 * in order, different chats concurrently; each is marked done once handled. On a stop the message
 * stays pending (the next start joins its run: same run id); a real failure (the user blocked the
 * bot) shows on the account and is marked done, so one bad message is not retried on every start.
 */
export function inboundQueue(options: InboundQueueOptions): (externalId: string, message: InboundMessage | undefined) => Promise<void> {
  const { inbox, abortSignal, log } = options;
  const chats = new Map<string, Promise<void>>();
  return (externalId, message) => {
    if (!message) {
      inbox.done(externalId);
      return Promise.resolve();
    }
    const chatId = message.chat.id;
    const next = (chats.get(chatId) ?? Promise.resolve()).then(async () => {
      if (abortSignal.aborted) return;
      try {
        await options.handleInbound(message);
        inbox.done(externalId);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error({ channel: options.channel, accountId: options.accountId, error: reason }, 'inbound message failed');
        if (!abortSignal.aborted) {
          options.setStatus({ lastError: reason });
          inbox.done(externalId);
        }
      }
    });
    chats.set(chatId, next);
    void next.finally(() => {
      if (chats.get(chatId) === next) chats.delete(chatId);
    });
    return next;
  };
}
