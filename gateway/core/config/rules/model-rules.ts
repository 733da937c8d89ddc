import { BUILT_IN_PROVIDERS, IMPLEMENTED_MODEL_APIS } from '../schema/models.js';
import type { ConfigRule } from './rule-report.js';

// config.md §3.

/** OpenClaw overlay ids that have no bundled catalog in Gatehouse (⟂ §3.1). */
const OVERLAY_PROVIDER_IDS = new Set([
  'openrouter', 'groq', 'vllm', 'together', 'mistral', 'deepseek', 'xai', 'google', 'gemini',
  'lmstudio', 'cerebras', 'fireworks', 'perplexity', 'moonshot', 'minimax', 'zai', 'qwen',
]);

export const checkModelProviders: ConfigRule = (config, report) => {
  for (const [id, provider] of Object.entries(config.models?.providers ?? {})) {
    const at = `models.providers.${id}`;
    if (!BUILT_IN_PROVIDERS.has(id)) {
      if (provider.baseUrl === undefined || provider.models === undefined) {
        report.issue(at, 'custom model providers must declare baseUrl and models (built-ins are anthropic, openai and ollama)');
      }
      if (OVERLAY_PROVIDER_IDS.has(id) && provider.api === undefined) {
        report.issue(`${at}.api`, `is required for "${id}": Gatehouse ships no catalog for it (usually "openai-completions")`);
      }
    }
    const apis = [
      { path: `${at}.api`, api: provider.api },
      ...(provider.models ?? []).map((model, index) => ({ path: `${at}.models.${index}.api`, api: model.api })),
    ];
    for (const { path, api } of apis) {
      if (api !== undefined && !IMPLEMENTED_MODEL_APIS.has(api)) {
        report.warn(`${path}: "${api}" is not implemented by Gatehouse; calls to these models will fail (use openai-completions, openai-responses, anthropic-messages or ollama)`);
      }
    }
    const seen = new Set<string>();
    (provider.models ?? []).forEach((model, index) => {
      if (seen.has(model.id)) report.issue(`${at}.models.${index}.id`, `duplicate model id "${model.id}" in this provider`);
      seen.add(model.id);
    });
  }
};
