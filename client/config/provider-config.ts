/**
 * Settings → Model provider as a config.patch (merge patch) for the gateway's config:
 *
 * - anthropic → `env.vars.ANTHROPIC_API_KEY` and `agents.defaults.model = anthropic/<model>`
 * - openai    → `env.vars.OPENAI_API_KEY`    and `agents.defaults.model = openai/<model>`
 * - openai-compatible (Ollama, LM Studio, vLLM, llama.cpp) → a `custom` provider entry
 *   `{ baseUrl, apiKey?, api: 'openai-completions', models: [{ id, name }] }` and
 *   `agents.defaults.model = custom/<model>`
 *
 * No API key in the request means "keep the saved one": the patch then leaves the key alone.
 */
import type { ProviderSetup } from '../../shared/ipc/contract.js';

export const CUSTOM_PROVIDER_ID = 'custom';

export type ProviderPatch = { ok: true; patch: Record<string, unknown> } | { ok: false; message: string };

export function providerPatch(setup: ProviderSetup): ProviderPatch {
  const model = setup.model.trim();
  switch (setup.provider) {
    case 'anthropic':
    case 'openai': {
      const keyName = setup.provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
      return {
        ok: true,
        patch: {
          ...(setup.apiKey === undefined ? {} : { env: { vars: { [keyName]: setup.apiKey } } }),
          agents: { defaults: { model: `${setup.provider}/${model}` } },
        },
      };
    }
    case 'openai-compatible': {
      const baseUrl = httpUrl(setup.baseUrl);
      if (baseUrl === undefined) return { ok: false, message: 'An OpenAI-compatible provider needs its base URL, for example http://127.0.0.1:11434/v1.' };
      return {
        ok: true,
        patch: {
          models: {
            providers: {
              [CUSTOM_PROVIDER_ID]: {
                baseUrl,
                ...(setup.apiKey === undefined ? {} : { apiKey: setup.apiKey }),
                api: 'openai-completions',
                models: [{ id: model, name: model }],
              },
            },
          },
          agents: { defaults: { model: `${CUSTOM_PROVIDER_ID}/${model}` } },
        },
      };
    }
  }
}

/** An http(s) URL without credentials in it, normalised; undefined for anything else. */
export function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.parse(value.trim());
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined;
  return url.href.replace(/\/$/, '');
}

/** `agents.defaults.model` of an effective config (a string, or `{ primary }`). */
export function defaultModelOf(config: unknown): string | undefined {
  const model = field(field(field(config, 'agents'), 'defaults'), 'model');
  if (typeof model === 'string' && model !== '') return model;
  const primary = field(model, 'primary');
  return typeof primary === 'string' && primary !== '' ? primary : undefined;
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

export { field as configField };
