/**
 * One model call in our terms: what to call the model with, what comes back while it streams,
 * and how it ended. The turn (agent-turn.ts) speaks only these; run-model-call.ts translates to
 * and from the AI SDK. Nothing here loads the SDK.
 */
import type { ModelMessage } from 'ai';
import type { ResolvedModel } from '../models/resolved-model.js';
import type { RunFailure } from '../provider-errors.js';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  totalTokens: number;
}

/** What the model is told about a tool; running it is the turn's business. */
export interface ToolDescriptor {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface ModelCallRequest {
  model: ResolvedModel;
  instructions: string;
  messages: ModelMessage[];
  tools: ToolDescriptor[];
  providerOptions?: Record<string, unknown>;
}

/** What the turn hears while the model streams. */
export type ModelCallPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** `invalid`: it names no tool the call offered, or its input is not JSON; a tool-error part follows. */
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown; invalid: boolean; providerExecuted: boolean }
  | { type: 'tool-error'; toolCallId: string; toolName: string; message: string }
  | { type: 'finish'; finishReason: string; usage?: TokenUsage };

export interface ModelCallEnd {
  /** The model's reply as the next call of a tool loop needs it (provider metadata kept). */
  assistant?: ModelMessage;
  /** The call could not be made or its stream broke; parts already delivered stay valid. */
  failure?: RunFailure;
  /** It ended because it was aborted. */
  aborted: boolean;
}
