import { ErrorCode, GatewayError } from '../../shared/protocol/error-codes.js';
import type { ActiveRun } from './active-run.js';

/**
 * The answer to a run that asks for its reply to be delivered to a chat channel (`deliver`) on a
 * gateway without the channels feature: said plainly, before anything runs, never dropped silently.
 * (With the feature, the port says which channel to configure: channels/channel-delivery.ts.)
 */
export const DELIVERY_UNAVAILABLE =
  'delivery to chat channels is not available on this gateway (the channels feature is not running); send without deliver and read the reply from the agent events';

/** The delivery port as `agent`/`chat.send` use it (the composition root's ChannelDeliveryPort). */
export interface ReplyDeliveryPort {
  deliver(request: ReplyTarget & { text: string }): Promise<DeliveryReceipt>;
  unavailableReason(): string | undefined;
}

export interface ReplyTarget {
  readonly sessionKey: string;
  readonly channel?: string;
  readonly to?: string;
  readonly accountId?: string;
}

export interface DeliveryReceipt {
  readonly channel: string;
  readonly accountId: string;
  readonly to: string;
  readonly messageIds: string[];
}

export type DeliveryOutcome = { readonly ok: true; readonly receipt: DeliveryReceipt } | { readonly ok: false; readonly error: GatewayError };

/** `deliver: true` with no chat channel configured: refused before the run, saying how to add one. */
export function requireDeliveryChannel(port: ReplyDeliveryPort): void {
  const reason = port.unavailableReason();
  if (reason !== undefined) throw new GatewayError(ErrorCode.unavailable, reason);
}

/**
 * Sends a finished run's reply to its chat and publishes the outcome on the run's `agent` stream
 * (`delivery`); a failure is logged and returned, never thrown. An empty reply is not sent.
 */
export async function deliverReply(
  port: ReplyDeliveryPort,
  run: Pick<ActiveRun, 'runId' | 'reportDelivery'>,
  target: ReplyTarget,
  text: string,
  logger: { info(fields: object, message: string): void; warn(fields: object, message: string): void },
): Promise<DeliveryOutcome> {
  let outcome: DeliveryOutcome;
  try {
    if (text.trim() === '') throw new GatewayError(ErrorCode.invalidRequest, 'nothing to deliver: the reply is empty');
    outcome = { ok: true, receipt: await port.deliver({ ...target, text }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = { ok: false, error: new GatewayError(ErrorCode.unavailable, `the reply could not be delivered: ${message}`) };
  }
  if (outcome.ok) {
    const { receipt } = outcome;
    logger.info({ runId: run.runId, channel: receipt.channel, accountId: receipt.accountId, messages: receipt.messageIds.length }, 'run reply delivered');
    run.reportDelivery({ status: 'delivered', channel: receipt.channel, accountId: receipt.accountId, to: receipt.to, messageIds: receipt.messageIds });
  } else {
    logger.warn({ runId: run.runId, reason: outcome.error.message }, 'run reply not delivered');
    run.reportDelivery({ status: 'failed', error: outcome.error.message });
  }
  return outcome;
}
