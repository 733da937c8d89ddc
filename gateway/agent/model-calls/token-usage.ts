import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { LanguageModelUsage } from 'ai';
import type { TokenUsage } from './model-call-types.js';

function usage(inputTokens: number | undefined, outputTokens: number | undefined, cacheRead: number | undefined, cacheWrite: number | undefined): TokenUsage | undefined {
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  const input = inputTokens ?? 0;
  const output = outputTokens ?? 0;
  return { inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead ?? 0, cacheWriteTokens: cacheWrite ?? 0, totalTokens: input + output };
}

/** A streamed call's usage as the provider reported it, in our terms; undefined when it reported none. */
export function providerUsage(reported: LanguageModelV4Usage | undefined): TokenUsage | undefined {
  if (!reported) return undefined;
  return usage(reported.inputTokens.total, reported.outputTokens.total, reported.inputTokens.cacheRead, reported.inputTokens.cacheWrite);
}

/** The usage an AI SDK call (generateText) sums up, in our terms; undefined when the provider reported none. */
export function toUsage(reported: LanguageModelUsage | undefined): TokenUsage | undefined {
  if (!reported) return undefined;
  return usage(reported.inputTokens, reported.outputTokens, reported.inputTokenDetails?.cacheReadTokens, reported.inputTokenDetails?.cacheWriteTokens);
}
