import type { AssistantContent, ModelMessage, ToolResultPart } from 'ai';
import type { CallContentPart } from './model-calls/call-content.js';

/** A tool call the turn executed, and what came of it. */
export interface ToolCallOutcome {
  toolCallId: string;
  toolName: string;
  /** The tool's result, or `{error}` when it threw: the same value the transcript stores. */
  result: unknown;
}

/** A tool's result as the model reads it; history replays the stored result the same way. */
export function toolResultPart(toolCallId: string, toolName: string, result: unknown): ToolResultPart {
  return { type: 'tool-result', toolCallId, toolName, output: { type: 'json', value: (result ?? null) as never } };
}

/**
 * The assistant message that continues a tool loop. Provider metadata travels with each part:
 * Anthropic refuses a tool result after extended thinking unless the signed thinking block comes
 * back, and the Responses API ties parts to its item ids.
 */
export function assistantMessageFrom(content: readonly CallContentPart[]): ModelMessage | undefined {
  const parts: Exclude<AssistantContent, string> = [];
  for (const part of content) {
    const metadata = part.providerMetadata;
    const providerOptions = metadata ? { providerOptions: metadata } : {};
    if (part.type === 'text') {
      if (part.text !== '' || metadata) parts.push({ type: 'text', text: part.text, ...providerOptions });
    } else if (part.type === 'reasoning') {
      parts.push({ type: 'reasoning', text: part.text, ...providerOptions });
    } else if (part.type === 'tool-call') {
      const input = part.invalid && (typeof part.input !== 'object' || part.input === null) ? {} : part.input;
      parts.push({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input, ...providerOptions });
    }
  }
  return parts.length > 0 ? { role: 'assistant', content: parts } : undefined;
}

/** The tool message that answers every call of the step, in call order. */
export function toolMessageFrom(outcomes: readonly ToolCallOutcome[]): ModelMessage | undefined {
  if (outcomes.length === 0) return undefined;
  return { role: 'tool', content: outcomes.map((outcome) => toolResultPart(outcome.toolCallId, outcome.toolName, outcome.result)) };
}
