import type { LanguageModelUsage } from 'ai';
import type { TokenUsage } from './model-call-types.js';

/** The SDK's usage report in our terms; undefined when the provider reported none. */
export function toUsage(usage: LanguageModelUsage | undefined): TokenUsage | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens: usage.inputTokenDetails?.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.inputTokenDetails?.cacheWriteTokens ?? 0,
    totalTokens: inputTokens + outputTokens,
  };
}
