import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { ResolvedModel } from './resolved-model.js';

/**
 * One AI SDK model per wire API (config.md §3.1). Ollama is reached through its
 * OpenAI-compatible `/v1` endpoint, which carries streaming, tools and usage the same way.
 */
export function createLanguageModel(model: ResolvedModel, fetchImpl?: typeof fetch): LanguageModel {
  const common = { headers: model.headers, ...(fetchImpl ? { fetch: fetchImpl } : {}) };
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
