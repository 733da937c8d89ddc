/**
 * Settings → Model provider, written into the gateway's config (provider-config.ts builds the
 * patch, gateway-config.ts writes it against the current hash). Tray and browser alike.
 */
import type { ActionResult, ProviderSetup } from '../../shared/ipc/contract.js';
import { describeFailure } from '../describe-failure.js';
import type { GatewayRequest } from '../gateway-request.js';
import { patchGatewayConfig } from './gateway-config.js';
import { defaultModelOf, providerPatch } from './provider-config.js';

export async function applyProviderSetup(request: GatewayRequest, connected: boolean, setup: ProviderSetup): Promise<ActionResult> {
  const built = providerPatch(setup);
  if (!built.ok) return built;
  if (!connected) return { ok: false, message: 'Start the gateway first: the model provider is part of its config.' };
  try {
    await patchGatewayConfig(request, built.patch);
  } catch (error) {
    return { ok: false, message: describeFailure(error) };
  }
  return { ok: true, message: `The default model is now ${defaultModelOf(built.patch) ?? setup.model}.` };
}
