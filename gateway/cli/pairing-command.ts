/**
 * `gatehouse pairing approve <channel> <code>`: approves a chat sender who was given a pairing code
 * (channels.pairing.approve over the protocol, like `gateway call`). Only the protocol client and
 * the settings reader are imported, never the server.
 */
import { callGateway, CallError } from './call-client.js';
import { localTarget } from './cli-context.js';

export interface PairingApproveFlags {
  account?: string;
  url?: string;
  token?: string;
  password?: string;
  stateDir?: string;
  timeout: number;
  notify?: boolean;
}

interface PairingList {
  requests: { requestId: string; channel: string; accountId: string; senderLabel: string }[];
}

export async function runPairingApprove(channel: string, code: string, flags: PairingApproveFlags): Promise<number> {
  const target = await localTarget(flags);
  const wanted = code.trim().toUpperCase();
  try {
    // The code names the request; the list says which account it came in on.
    const list = (await callGateway({ ...target, method: 'channels.pairing.list', params: { channel }, timeoutMs: flags.timeout })) as PairingList;
    const request = list.requests.find((candidate) => candidate.requestId === wanted && (!flags.account || candidate.accountId === flags.account));
    if (!request) {
      console.error(`error: no pending ${channel} pairing request with code ${wanted} (codes expire after 1 hour; list them with \`gatehouse gateway call channels.pairing.list\`)`);
      return 1;
    }
    await callGateway({
      ...target,
      method: 'channels.pairing.approve',
      params: { channel, accountId: request.accountId, requestId: request.requestId, ...(flags.notify === false ? { notify: false } : {}) },
      timeoutMs: flags.timeout,
    });
    console.log(`approved ${request.senderLabel} on ${channel} (account ${request.accountId})`);
    return 0;
  } catch (error) {
    console.error(error instanceof CallError ? `error: ${error.error.code}: ${error.error.message}` : `error: ${(error as Error).message}`);
    return 1;
  }
}
