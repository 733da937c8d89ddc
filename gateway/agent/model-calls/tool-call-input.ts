import { safeParseJSON } from '@ai-sdk/provider-utils';
import { InvalidToolInputError, NoSuchToolError } from 'ai';

export interface ToolCallInput {
  /** The parsed input; for a call that cannot be parsed, the raw text. */
  input: unknown;
  /** Why the call cannot run (the AI SDK's own message), when it cannot. */
  error?: string;
}

/**
 * A streamed tool call's input, checked as the AI SDK checks it: the tool must be one the call
 * offered (unless the provider ran it itself), empty input means `{}`, anything else must be JSON
 * (parsed with the SDK's guard against prototype keys). The tools' schemas are plain JSON schemas
 * the model is asked to follow; as with the SDK's `jsonSchema()` without a validator, each tool
 * checks its own arguments when it runs.
 */
export async function parseToolCallInput(call: { toolName: string; input: string; providerExecuted?: boolean }, toolNames: readonly string[]): Promise<ToolCallInput> {
  const { toolName, input: text } = call;
  const parsed = text.trim() === '' ? ({ success: true, value: {} } as const) : await safeParseJSON({ text });
  const input = parsed.success ? parsed.value : text;
  if (call.providerExecuted === true) return { input };
  if (!toolNames.includes(toolName)) return { input, error: new NoSuchToolError({ toolName, availableTools: [...toolNames] }).message };
  if (!parsed.success) return { input, error: new InvalidToolInputError({ toolName, toolInput: text, cause: parsed.error }).message };
  return { input };
}
