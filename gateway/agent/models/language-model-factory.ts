import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { providerFetch } from './provider-fetch.js';
import type { ResolvedModel } from './resolved-model.js';

/** Distinct provider settings kept at once; past this the cache starts over (config churn, key rotation). */
const MAX_CACHED_MODELS = 64;

/** Settings key → model. */
const cache = new Map<string, LanguageModelV4>();

/**
 * The AI SDK model for a resolved model, reused while its settings stay the same. Building one is
 * not free (the OpenAI-compatible provider builds its zod chunk schemas per instance, ~0.3 ms), and
 * fifty runs starting together would otherwise hold the event loop ~15 ms longer while their first
 * tokens wait. The SDK's models keep no per-call state, so concurrent runs can share one.
 */
export function createLanguageModel(model: ResolvedModel): LanguageModelV4 {
  const key = JSON.stringify([model.api, model.providerId, model.modelId, model.baseUrl, model.apiKey ?? null, model.headers]);
  let languageModel = cache.get(key);
  if (!languageModel) {
    languageModel = buildLanguageModel(model);
    if (cache.size >= MAX_CACHED_MODELS) cache.clear();
    cache.set(key, languageModel);
  }
  return languageModel;
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
      return createOpenAICompatible({
        name: model.providerId,
        baseURL: model.baseUrl,
        ...(model.apiKey ? { apiKey: model.apiKey } : {}),
        includeUsage: true,
        ...common,
      }).chatModel(model.modelId);
    case 'ollama':
      return createOpenAICompatible({
        name: model.providerId,
        baseURL: `${model.baseUrl}/v1`,
        ...(model.apiKey ? { apiKey: model.apiKey } : {}),
        includeUsage: true,
        ...common,
      }).chatModel(model.modelId);
  }
}
