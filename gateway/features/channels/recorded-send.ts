import { ErrorCode, GatewayError } from '../../../shared/protocol/error-codes.js';
import type { AccountStatusBoard } from './account-status.js';
import type { ChannelAccount } from './channel-plugin.js';

/**
 * Every outbound delivery of an account (`send`, `poll`, `deliver`/cron, inbound replies, pairing
 * notices) goes through here: on success the account's lastOutboundAt, on failure its lastError
 * and an UNAVAILABLE error carrying the channel's own reason. One clock: the feature's.
 */
export async function recordedSend<T>(status: AccountStatusBoard, now: () => number, account: Pick<ChannelAccount, 'channel' | 'accountId'>, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    status.patch(account.channel, account.accountId, { lastOutboundAt: now() });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    status.patch(account.channel, account.accountId, { lastError: message });
    throw new GatewayError(ErrorCode.unavailable, message, { details: { channel: account.channel, accountId: account.accountId } });
  }
}
