/**
 * The gateway's own config, read with config.get and changed with config.patch against the hash
 * it was read at, so two editors cannot overwrite each other (the gateway refuses a stale hash).
 * Settings (the default model, the bind address) and Channels (bot tokens) both write through it.
 */
import { ConfigResults, type ConfigGetResult } from '../../shared/protocol/config/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const configGetResult = compileSchema(ConfigResults['config.get']);

export async function readGatewayConfig(request: GatewayRequest): Promise<ConfigGetResult> {
  return parsed('config.get', configGetResult, await request('config.get', {}));
}

/** A JSON merge patch applied on top of the config as it is now. */
export async function patchGatewayConfig(request: GatewayRequest, patch: Record<string, unknown>, current?: ConfigGetResult): Promise<void> {
  const { hash } = current ?? (await readGatewayConfig(request));
  await request('config.patch', { raw: JSON.stringify(patch), ...(hash === null ? {} : { baseHash: hash }) });
}
