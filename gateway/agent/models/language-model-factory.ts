import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible, VERSION as OPENAI_COMPATIBLE_VERSION } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { VERSION as PROVIDER_UTILS_VERSION, getRuntimeEnvironmentUserAgent, withUserAgentSuffix, withoutTrailingSlash } from '@ai-sdk/provider-utils';
import type { ChatCompletionsRoute } from './openai-chat-stream.js';
import { providerFetch } from './provider-fetch.js';
import type { ResolvedModel } from './resolved-model.js';

/** Distinct provider settings kept at once; past this the cache starts over (config churn, key rotation). */
const MAX_CACHED_MODELS = 64;

/** Settings key → model. */
const cache = new Map<string, LanguageModelV4>();

function settingsKey(model: ResolvedModel): string {
  return JSON.stringify([model.api, model.providerId, model.modelId, model.baseUrl, model.apiKey ?? null, model.headers]);
}

/**
 * The AI SDK model for a resolved model, reused while its settings stay the same. Building one is
 * not free (the OpenAI-compatible provider builds its zod chunk schemas per instance, ~0.3 ms), and
 * fifty runs starting together would otherwise hold the event loop ~15 ms longer while their first
 * tokens wait. The SDK's models keep no per-call state, so concurrent runs can share one.
 */
export function createLanguageModel(model: ResolvedModel): LanguageModelV4 {
  const key = settingsKey(model);
  let languageModel = cache.get(key);
  if (!languageModel) {
    languageModel = buildLanguageModel(model);
    if (cache.size >= MAX_CACHED_MODELS) cache.clear();
    cache.set(key, languageModel);
  }
  return languageModel;
}

/** The base URL the OpenAI-compatible provider is given: Ollama's OpenAI-compatible API is under `/v1`. */
function openAICompatibleBaseUrl(model: ResolvedModel): string {
  return model.api === 'ollama' ? `${model.baseUrl}/v1` : model.baseUrl;
}

/** Settings key → route, beside the model cache and with the same bound. */
const routes = new Map<string, ChatCompletionsRoute>();

/**
 * Where a Chat Completions model (`openai-completions`, `ollama`) is called and with which headers:
 * the URL and headers @ai-sdk/openai-compatible and postJsonToApi send (openai-chat-stream.ts
 * streams those calls itself). Undefined for the other APIs.
 */
export function chatCompletionsRoute(model: ResolvedModel): ChatCompletionsRoute | undefined {
  if (model.api !== 'openai-completions' && model.api !== 'ollama') return undefined;
  const key = settingsKey(model);
  let route = routes.get(key);
  if (!route) {
    const providerHeaders = withUserAgentSuffix({ ...(model.apiKey ? { Authorization: `Bearer ${model.apiKey}` } : {}), ...model.headers }, `ai-sdk-openai-compatible/${OPENAI_COMPATIBLE_VERSION}`);
    route = {
      url: `${withoutTrailingSlash(openAICompatibleBaseUrl(model)) ?? ''}/chat/completions`,
      headers: withUserAgentSuffix({ 'Content-Type': 'application/json', ...providerHeaders }, `ai-sdk-provider-utils/${PROVIDER_UTILS_VERSION}`, getRuntimeEnvironmentUserAgent()),
      providerName: model.providerId,
    };
    if (routes.size >= MAX_CACHED_MODELS) routes.clear();
    routes.set(key, route);
  }
  return route;
}

/**
 * One AI SDK model per wire API (config.md §3.1). Ollama is reached through its
 * OpenAI-compatible `/v1` endpoint, which carries streaming, tools and usage the same way.
 */
function buildLanguageModel(model: ResolvedModel): LanguageModelV4 {
  const common = { headers: model.headers, fetch: providerFetch };
  switch (model.api) {
    case 'anthropic-messages':
      return createAnthropic({ baseURL: `${model.baseUrl}/v1`, apiKey: model.apiKey ?? '', ...common })(model.modelId);
    case 'openai-responses':
      return createOpenAI({ baseURL: model.baseUrl, apiKey: model.apiKey ?? '', ...common }).responses(model.modelId);
    case 'openai-completions':
    case 'ollama':
      return createOpenAICompatible({
        name: model.providerId,
        baseURL: openAICompatibleBaseUrl(model),
        ...(model.apiKey ? { apiKey: model.apiKey } : {}),
        includeUsage: true,
        ...common,
      }).chatModel(model.modelId);
  }
}
