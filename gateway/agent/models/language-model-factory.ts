import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible, OpenAICompatibleChatLanguageModel, VERSION as OPENAI_COMPATIBLE_VERSION } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { VERSION as PROVIDER_UTILS_VERSION, getRuntimeEnvironmentUserAgent, withUserAgentSuffix, withoutTrailingSlash } from '@ai-sdk/provider-utils';
import type { ChatCompletionsRoute } from './openai-chat-stream.js';
import { providerFetch } from './provider-fetch.js';
import type { ResolvedModel } from './resolved-model.js';

/** Distinct provider settings kept at once; past this the cache starts over (config churn, key rotation). */
const MAX_CACHED_MODELS = 64;

/** A built model; a Chat Completions one also carries what openai-chat-stream.ts needs to call it. */
export interface BuiltLanguageModel {
  readonly languageModel: LanguageModelV4;
  readonly chatCompletions?: { readonly model: OpenAICompatibleChatLanguageModel; readonly route: ChatCompletionsRoute };
}

/** Settings key → model. */
const cache = new Map<string, BuiltLanguageModel>();

/**
 * The AI SDK model for a resolved model, reused while its settings stay the same. Building one is
 * not free (the OpenAI-compatible provider builds its zod chunk schemas per instance, ~0.3 ms), and
 * fifty runs starting together would otherwise hold the event loop ~15 ms longer while their first
 * tokens wait. The SDK's models keep no per-call state, so concurrent runs can share one.
 */
export function languageModelFor(model: ResolvedModel): BuiltLanguageModel {
  const key = JSON.stringify([model.api, model.providerId, model.modelId, model.baseUrl, model.apiKey ?? null, model.headers]);
  let built = cache.get(key);
  if (!built) {
    built = buildLanguageModel(model);
    if (cache.size >= MAX_CACHED_MODELS) cache.clear();
    cache.set(key, built);
  }
  return built;
}

export function createLanguageModel(model: ResolvedModel): LanguageModelV4 {
  return languageModelFor(model).languageModel;
}

/**
 * A Chat Completions model (`openai-completions`, `ollama`) and the URL and headers
 * @ai-sdk/openai-compatible and postJsonToApi would send: openai-chat-stream.ts streams its calls.
 */
function chatCompletionsModel(model: ResolvedModel): BuiltLanguageModel {
  // Ollama's OpenAI-compatible API is under `/v1`.
  const baseURL = model.api === 'ollama' ? `${model.baseUrl}/v1` : model.baseUrl;
  const chatModel = createOpenAICompatible({
    name: model.providerId,
    baseURL,
    ...(model.apiKey ? { apiKey: model.apiKey } : {}),
    includeUsage: true,
    headers: model.headers,
    fetch: providerFetch,
  }).chatModel(model.modelId);
  // Declared as any LanguageModelV4; streamChatCompletions needs the class's prepareRequest.
  if (!(chatModel instanceof OpenAICompatibleChatLanguageModel)) return { languageModel: chatModel };
  const providerHeaders = withUserAgentSuffix({ ...(model.apiKey ? { Authorization: `Bearer ${model.apiKey}` } : {}), ...model.headers }, `ai-sdk-openai-compatible/${OPENAI_COMPATIBLE_VERSION}`);
  const route: ChatCompletionsRoute = {
    url: `${withoutTrailingSlash(baseURL) ?? ''}/chat/completions`,
    headers: withUserAgentSuffix({ 'Content-Type': 'application/json', ...providerHeaders }, `ai-sdk-provider-utils/${PROVIDER_UTILS_VERSION}`, getRuntimeEnvironmentUserAgent()),
    providerName: model.providerId,
  };
  return { languageModel: chatModel, chatCompletions: { model: chatModel, route } };
}

/**
 * One AI SDK model per wire API (config.md §3.1). Ollama is reached through its
 * OpenAI-compatible `/v1` endpoint, which carries streaming, tools and usage the same way.
 */
function buildLanguageModel(model: ResolvedModel): BuiltLanguageModel {
  const common = { headers: model.headers, fetch: providerFetch };
  switch (model.api) {
    case 'anthropic-messages':
      return { languageModel: createAnthropic({ baseURL: `${model.baseUrl}/v1`, apiKey: model.apiKey ?? '', ...common })(model.modelId) };
    case 'openai-responses':
      return { languageModel: createOpenAI({ baseURL: model.baseUrl, apiKey: model.apiKey ?? '', ...common }).responses(model.modelId) };
    case 'openai-completions':
    case 'ollama':
      return chatCompletionsModel(model);
  }
}
