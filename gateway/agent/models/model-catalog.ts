import type { NO_PROVIDER_CODE } from '../../../shared/protocol/chat/events.js';
import { GatewayError, ErrorCode } from '../../../shared/protocol/error-codes.js';
import { isResolvedSecret, type GatehouseConfig, type RosterAgent } from '../../core/config/index.js';
import type { ImplementedApi, ModelCost, ResolvedModel } from './resolved-model.js';

// config.md §3: built-in providers, defaults and how a model ref resolves.
const BUILT_INS: Record<string, { baseUrl: string; api: ImplementedApi; keyEnv: string; needsKey: boolean }> = {
  anthropic: { baseUrl: 'https://api.anthropic.com', api: 'anthropic-messages', keyEnv: 'ANTHROPIC_API_KEY', needsKey: true },
  openai: { baseUrl: 'https://api.openai.com/v1', api: 'openai-responses', keyEnv: 'OPENAI_API_KEY', needsKey: true },
  ollama: { baseUrl: 'http://127.0.0.1:11434', api: 'ollama', keyEnv: 'OLLAMA_API_KEY', needsKey: false },
};
const IMPLEMENTED: ReadonlySet<string> = new Set(['openai-completions', 'openai-responses', 'anthropic-messages', 'ollama']);
const DEFAULT_CONTEXT_WINDOW = 200_000;
const DEFAULT_MAX_TOKENS = 8_192;
const FALLBACK_OPENAI_MODEL = 'openai/gpt-6-astra';

type ProviderConfig = NonNullable<NonNullable<GatehouseConfig['models']>['providers']>[string];
type ModelConfig = NonNullable<ProviderConfig['models']>[number];

/**
 * `details.code` of a ModelUnavailableError: `NO_PROVIDER` (NO_PROVIDER_CODE) when no model is
 * configured at all, so a client can offer to set one up; `MODEL_UNAVAILABLE` for every other
 * reason a model cannot be used (unknown ref, missing key, unimplemented api).
 */
export type ModelUnavailableCode = typeof NO_PROVIDER_CODE | 'MODEL_UNAVAILABLE';

/** A model that cannot be used, with the message that says how to fix it. */
export class ModelUnavailableError extends GatewayError {
  constructor(message: string, code: ModelUnavailableCode = 'MODEL_UNAVAILABLE') {
    super(ErrorCode.unavailable, message, { retryable: false, details: { code } });
  }
}

function secret(value: unknown): string | undefined {
  return isResolvedSecret(value) && value !== '' ? value : undefined;
}

function withScheme(host: string): string {
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

export interface ProviderSummary {
  id: string;
  api: string;
  baseUrl: string;
  hasKey: boolean;
  usable: boolean;
  models: ModelConfig[];
}

/**
 * The models this gateway can call, from `models.providers` merged over the built-ins, with keys
 * from config or the environment. Rebuilt whenever the config changes.
 */
export class ModelCatalog {
  constructor(
    private readonly config: GatehouseConfig,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly configPath: string,
  ) {}

  private providerConfigs(): Record<string, ProviderConfig> {
    return (this.config.models?.providers ?? {}) as Record<string, ProviderConfig>;
  }

  providers(): ProviderSummary[] {
    const configured = this.providerConfigs();
    const replace = this.config.models?.mode === 'replace';
    const ids = new Set([...Object.keys(configured), ...(replace ? [] : Object.keys(BUILT_INS))]);
    return [...ids].map((id) => {
      const entry = configured[id];
      const builtIn = replace ? undefined : BUILT_INS[id];
      const api = entry?.api ?? builtIn?.api ?? 'openai-completions';
      const hasKey = this.apiKeyFor(id, entry) !== undefined;
      const baseUrl = this.baseUrlFor(id, entry) ?? '';
      const needsKey = builtIn?.needsKey ?? false;
      const usable = IMPLEMENTED.has(api) && baseUrl !== '' && (hasKey || !needsKey) && (entry !== undefined || hasKey);
      return { id, api, baseUrl, hasKey, usable, models: [...(entry?.models ?? [])] };
    });
  }

  private apiKeyFor(providerId: string, entry: ProviderConfig | undefined): string | undefined {
    const configured = secret(entry?.apiKey);
    if (configured !== undefined) return configured;
    // An unresolvable SecretRef is missing, not a reason to fall back to the environment.
    if (entry?.apiKey !== undefined) return undefined;
    const builtIn = BUILT_INS[providerId];
    return builtIn ? secret(this.env[builtIn.keyEnv]) : undefined;
  }

  private baseUrlFor(providerId: string, entry: ProviderConfig | undefined): string | undefined {
    if (entry?.baseUrl) return entry.baseUrl.replace(/\/+$/, '');
    if (providerId === 'ollama' && this.env.OLLAMA_HOST) return withScheme(this.env.OLLAMA_HOST).replace(/\/+$/, '');
    return BUILT_INS[providerId]?.baseUrl;
  }

  /** The primary model ref an agent runs with, if any is configured. */
  defaultRefFor(agent: RosterAgent | undefined): string | undefined {
    if (agent?.model?.primary) return agent.model.primary;
    const fallback = secret(this.env.OPENAI_API_KEY) ? FALLBACK_OPENAI_MODEL : undefined;
    return fallback;
  }

  private aliasTarget(alias: string): string | undefined {
    const models = (this.config.agents?.defaults?.models ?? {}) as Record<string, { alias?: string } | undefined>;
    return Object.entries(models).find(([, value]) => value?.alias === alias)?.[0];
  }

  /** Resolves `provider/model`, an alias, or a bare id that one configured provider lists. */
  resolve(ref: string): ResolvedModel {
    let target = ref.trim();
    if (!target.includes('/')) {
      const aliased = this.aliasTarget(target);
      if (aliased) target = aliased;
    }
    if (!target.includes('/')) {
      const owners = this.providers().filter((provider) => provider.models.some((model) => model.id === target));
      if (owners.length !== 1) {
        throw new ModelUnavailableError(
          owners.length === 0
            ? `unknown model "${ref}": use provider/model (for example anthropic/claude-opus-4-6)`
            : `model "${ref}" is offered by several providers (${owners.map((o) => o.id).join(', ')}): use provider/model`,
        );
      }
      target = `${owners[0]!.id}/${target}`;
    }
    const slash = target.indexOf('/');
    const providerId = target.slice(0, slash);
    const modelId = target.slice(slash + 1);
    const provider = this.providers().find((candidate) => candidate.id === providerId);
    if (!provider || modelId === '') {
      throw new ModelUnavailableError(`unknown model provider "${providerId}": add models.providers.${providerId} to ${this.configPath}`);
    }
    if (!IMPLEMENTED.has(provider.api)) {
      throw new ModelUnavailableError(`provider ${providerId} uses api "${provider.api}", which Gatehouse does not implement`);
    }
    const entry = this.providerConfigs()[providerId];
    const builtIn = this.config.models?.mode === 'replace' ? undefined : BUILT_INS[providerId];
    const apiKey = this.apiKeyFor(providerId, entry);
    if (builtIn?.needsKey && apiKey === undefined && entry?.apiKey === undefined) {
      throw new ModelUnavailableError(
        `no API key for ${providerId}: set ${builtIn.keyEnv} (or env.vars.${builtIn.keyEnv} / models.providers.${providerId}.apiKey in ${this.configPath})`,
      );
    }
    if (entry?.apiKey !== undefined && apiKey === undefined) {
      throw new ModelUnavailableError(`the API key of models.providers.${providerId} could not be resolved (check its variable or secret reference)`);
    }
    const model = provider.models.find((candidate) => candidate.id === modelId);
    if (!model && !builtIn) {
      throw new ModelUnavailableError(`model "${modelId}" is not listed in models.providers.${providerId}.models`);
    }
    return this.describe(providerId, modelId, provider, entry, model, apiKey);
  }

  private describe(
    providerId: string,
    modelId: string,
    provider: ProviderSummary,
    entry: ProviderConfig | undefined,
    model: ModelConfig | undefined,
    apiKey: string | undefined,
  ): ResolvedModel {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...(entry?.headers ?? {}), ...(model?.headers ?? {}) })) {
      const text = secret(value);
      if (text !== undefined) headers[name] = text;
    }
    const builtInImages = providerId === 'anthropic' || providerId === 'openai';
    const resolved: ResolvedModel = {
      ref: `${providerId}/${modelId}`,
      providerId,
      modelId,
      name: model?.name ?? modelId,
      api: (model?.api ?? provider.api) as ImplementedApi,
      baseUrl: (model?.baseUrl ?? provider.baseUrl).replace(/\/+$/, ''),
      headers,
      reasoning: model?.reasoning ?? false,
      input: model?.input ?? (builtInImages && !model ? ['text', 'image'] : ['text']),
      contextWindow: model?.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      maxTokens: model?.maxTokens ?? entry?.maxTokens ?? DEFAULT_MAX_TOKENS,
    };
    if (apiKey !== undefined) resolved.apiKey = apiKey;
    if (entry?.timeoutSeconds !== undefined) resolved.timeoutSeconds = entry.timeoutSeconds;
    const cost = model?.cost;
    if (cost && (cost.input !== undefined || cost.output !== undefined)) {
      const price: ModelCost = { input: cost.input ?? 0, output: cost.output ?? 0, cacheRead: cost.cacheRead ?? 0, cacheWrite: cost.cacheWrite ?? 0 };
      resolved.cost = price;
    }
    return resolved;
  }

  /** Every model listed in config for a usable provider. */
  configuredModels(): ResolvedModel[] {
    const out: ResolvedModel[] = [];
    for (const provider of this.providers()) {
      if (!provider.usable) continue;
      for (const model of provider.models) {
        try {
          out.push(this.resolve(`${provider.id}/${model.id}`));
        } catch {
          // A provider whose key does not resolve lists nothing usable.
        }
      }
    }
    return out;
  }
}
