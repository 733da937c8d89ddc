import type { Logger } from 'pino';
import Type from 'typebox';
import { compileSchema } from '../../../shared/protocol/validate.js';
import type { ModelCatalog, ProviderSummary } from './model-catalog.js';

const CACHE_MS = 60_000;
/** A failed endpoint is asked again sooner than a working one, but not on every call. */
const FAILURE_CACHE_MS = 15_000;
const TIMEOUT_MS = 2_000;
const MAX_MODELS_PER_PROVIDER = 1_000;

/** GET {baseUrl}/models (OpenAI-compatible servers: vLLM, LM Studio, llama.cpp, LiteLLM…). */
const OpenAiModelList = compileSchema(
  Type.Object({ data: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 300 }) })) }),
);
/** GET {baseUrl}/api/tags (Ollama's native listing). */
const OllamaTags = compileSchema(
  Type.Object({ models: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }) })) }),
);

export type DiscoveryStatus = 'ready' | 'auth-rejected' | 'unavailable';

export interface DiscoveryOutcome {
  provider: string;
  status: DiscoveryStatus;
  /** Model ids the endpoint reported (empty unless ready). */
  modelIds: string[];
}

interface CacheEntry {
  expiresAt: number;
  outcome: Promise<DiscoveryOutcome>;
}

/** The providers whose servers are asked what they serve (config.md §3, §3.3). */
export function discoverableProviders(catalog: ModelCatalog, config: { mode?: string }, env: Readonly<Record<string, string | undefined>>): ProviderSummary[] {
  if (config.mode === 'replace') return [];
  return catalog.providers().filter((provider) => {
    if (!provider.usable) return false;
    if (provider.api === 'openai-completions') return true;
    // A non-empty ollama model list disables discovery unless OLLAMA_API_KEY asks for it.
    if (provider.api === 'ollama') return provider.models.length === 0 || Boolean(env.OLLAMA_API_KEY);
    return false;
  });
}

/**
 * Asks model servers which models they serve, with a 2 s deadline per request and answers cached
 * for a minute per provider. A server that is down or refuses is logged and reported, never thrown.
 */
export class ModelDiscovery {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly logger: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  discover(provider: ProviderSummary, catalog: ModelCatalog): Promise<DiscoveryOutcome> {
    const access = this.accessFor(provider, catalog);
    const url = provider.api === 'ollama' ? `${provider.baseUrl}/api/tags` : `${provider.baseUrl}/models`;
    const cacheKey = `${provider.id}\n${url}\n${access.apiKey ?? ''}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return cached.outcome;
    const outcome = this.fetchModels(provider, url, access).catch((error: unknown) =>
      this.failed(provider, 'unavailable', error instanceof Error ? error.message : String(error)),
    );
    const entry: CacheEntry = { expiresAt: this.now() + CACHE_MS, outcome };
    this.cache.set(cacheKey, entry);
    void outcome.then((result) => {
      if (result.status !== 'ready') entry.expiresAt = this.now() + FAILURE_CACHE_MS;
    });
    return outcome;
  }

  /** Key and headers the provider's model calls use (resolved through one of its models). */
  private accessFor(provider: ProviderSummary, catalog: ModelCatalog): { apiKey?: string; headers: Record<string, string> } {
    try {
      const resolved = catalog.resolve(`${provider.id}/${provider.models[0]?.id ?? 'model-discovery'}`);
      return { ...(resolved.apiKey ? { apiKey: resolved.apiKey } : {}), headers: resolved.headers };
    } catch {
      return { headers: {} };
    }
  }

  private failed(provider: ProviderSummary, status: DiscoveryStatus, reason: string): DiscoveryOutcome {
    this.logger.warn({ provider: provider.id, status, reason }, 'model discovery failed; listing configured models only');
    return { provider: provider.id, status, modelIds: [] };
  }

  private async fetchModels(provider: ProviderSummary, url: string, access: { apiKey?: string; headers: Record<string, string> }): Promise<DiscoveryOutcome> {
    const failed = (status: DiscoveryStatus, reason: string) => this.failed(provider, status, reason);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: { accept: 'application/json', ...access.headers, ...(access.apiKey ? { authorization: `Bearer ${access.apiKey}` } : {}) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return failed('unavailable', timedOut ? `no answer within ${TIMEOUT_MS} ms` : (error as Error).message);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return failed('auth-rejected', `HTTP ${response.status}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      return failed('unavailable', `HTTP ${response.status}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return failed('unavailable', 'the answer is not JSON');
    }
    const ids = OpenAiModelList.check(body)
      ? body.data.map((model) => model.id)
      : OllamaTags.check(body)
        ? body.models.map((model) => model.name)
        : undefined;
    if (!ids) return failed('unavailable', 'the answer is not a model list');
    return { provider: provider.id, status: 'ready', modelIds: [...new Set(ids)].slice(0, MAX_MODELS_PER_PROVIDER) };
  }
}
