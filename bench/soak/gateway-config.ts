import type { ProviderStub } from '../chat-latency/provider-stub.js';
import { CONFIG_EDIT_LEVELS } from './settings.js';

/**
 * The soak gateway's gatehouse.json: one OpenAI-compatible provider pointing at the in-process
 * stand-in, `logging.level` set to the value the config edits start from (so the first edit
 * already changes it), and `gateway.mode` spelled out so the start-up warning about it does not
 * sit among the warnings the run reports.
 */
export function soakGatewayConfig(provider: ProviderStub): unknown {
  const model = provider.options.model;
  return {
    gateway: { mode: 'local' },
    models: {
      providers: {
        soak: { baseUrl: provider.baseUrl, apiKey: 'soak', api: 'openai-completions', models: [{ id: model, name: 'Soak' }] },
      },
    },
    agents: { defaults: { model: `soak/${model}` } },
    logging: { level: CONFIG_EDIT_LEVELS[CONFIG_EDIT_LEVELS.length - 1] },
  };
}
