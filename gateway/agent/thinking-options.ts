import type { ResolvedModel } from './models/resolved-model.js';

const BUDGETS: Record<string, number> = { minimal: 1_024, low: 2_048, medium: 8_192, high: 16_384, xhigh: 32_768, max: 32_768 };
const EFFORT: Record<string, 'minimal' | 'low' | 'medium' | 'high'> = {
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
  max: 'high',
};

export const THINKING_LEVELS = ['off', 'minimal', 'low', 'medium', 'high', 'xhigh', 'adaptive', 'max', 'ultra'] as const;

/**
 * A thinking level (spec §15.1: a level, not text) → the provider's reasoning options. Models not
 * marked `reasoning: true` get none; `adaptive` leaves the choice to the provider.
 */
export function thinkingProviderOptions(model: ResolvedModel, level: string | undefined): Record<string, Record<string, unknown>> | undefined {
  if (!model.reasoning || !level || level === 'off' || level === 'adaptive') return undefined;
  if (model.api === 'anthropic-messages') {
    const budget = BUDGETS[level] ?? BUDGETS.medium!;
    return { anthropic: { thinking: { type: 'enabled', budgetTokens: Math.min(budget, Math.max(1_024, model.maxTokens - 1_024)) } } };
  }
  const effort = EFFORT[level] ?? 'medium';
  if (model.api === 'openai-responses') return { openai: { reasoningEffort: effort } };
  return { [model.providerId]: { reasoningEffort: effort } };
}
