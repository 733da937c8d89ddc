/**
 * One streamed model call, spoken to the provider through the AI SDK's language-model
 * specification (LanguageModelV4.doStream), and turned into ModelCallParts; the tool loop around
 * it is the turn's (agent-turn.ts).
 *
 * Why not `streamLanguageModelCall`: it wraps the provider's stream in two more web-stream
 * stages (its part transform and an async-iterable copy) and re-collects every text delta for
 * its end event. Per token that was ~17 % of the gateway's CPU at 2,500 tokens/s, and the
 * per-run objects it keeps alive were a good part of what the garbage collector promoted (see
 * the chat-latency bench). What it did for us is here, in our terms: the prompt conversion
 * (language-model-prompt.ts), tool-call checking with the SDK's own messages
 * (tool-call-input.ts), the collected content for the next step (call-content.ts) and usage.
 * Chat Completions models skip the SDK's stream pipeline too (openai-chat-stream.ts).
 */
import type { LanguageModelV4CallOptions, LanguageModelV4FunctionTool, LanguageModelV4StreamPart, SharedV4ProviderOptions } from '@ai-sdk/provider';
import { languageModelFor, type BuiltLanguageModel } from '../models/language-model-factory.js';
import { streamChatCompletions } from '../models/openai-chat-stream.js';
import { describeProviderError, type RunFailure } from '../provider-errors.js';
import { assistantMessageFrom } from '../step-messages.js';
import { CallContent } from './call-content.js';
import { toLanguageModelPrompt } from './language-model-prompt.js';
import type { ModelCallEnd, ModelCallPart, ModelCallRequest, ToolDescriptor } from './model-call-types.js';
import { parseToolCallInput } from './tool-call-input.js';
import { providerUsage } from './token-usage.js';

function functionTool(descriptor: ToolDescriptor): LanguageModelV4FunctionTool {
  return { type: 'function', name: descriptor.name, description: descriptor.description, inputSchema: descriptor.inputSchema };
}

/**
 * A stream's error part carries whatever the provider sent (often its JSON error body); the
 * message in it is what a person needs to read.
 */
export function streamedError(value: unknown): unknown {
  if (value instanceof Error || typeof value !== 'object' || value === null) return value;
  const record = value as { message?: unknown; error?: { message?: unknown } };
  const message = typeof record.message === 'string' ? record.message : typeof record.error?.message === 'string' ? record.error.message : undefined;
  return message === undefined ? new Error(JSON.stringify(value)) : new Error(message);
}

export async function runModelCall(request: ModelCallRequest, signal: AbortSignal, emit: (part: ModelCallPart) => void): Promise<ModelCallEnd> {
  const { model } = request;
  const content = new CallContent();
  const toolNames = request.tools.map((descriptor) => descriptor.name);
  let failure: RunFailure | undefined;

  const onToolCall = async (part: Extract<LanguageModelV4StreamPart, { type: 'tool-call' }>): Promise<void> => {
    const providerExecuted = part.providerExecuted === true;
    const { input, error } = await parseToolCallInput(part, toolNames);
    const invalid = error !== undefined;
    content.toolCall({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input, invalid, ...(part.providerMetadata ? { providerMetadata: part.providerMetadata } : {}) });
    emit({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input, invalid, providerExecuted });
    if (error !== undefined) emit({ type: 'tool-error', toolCallId: part.toolCallId, toolName: part.toolName, message: error });
  };

  /** Synchronous for every part but a tool call, so a text token costs no extra promise. */
  const onPart = (part: LanguageModelV4StreamPart): Promise<void> | undefined => {
    switch (part.type) {
      case 'text-delta':
      case 'reasoning-delta': {
        const type = part.type === 'text-delta' ? 'text' : 'reasoning';
        content.textPart(type, part.id, part.delta, part.providerMetadata);
        if (part.delta !== '') emit({ type, text: part.delta });
        break;
      }
      case 'text-start':
      case 'reasoning-start':
        content.textPart(part.type === 'text-start' ? 'text' : 'reasoning', part.id, undefined, part.providerMetadata);
        break;
      case 'text-end':
      case 'reasoning-end':
        content.endTextPart(part.type === 'text-end' ? 'text' : 'reasoning', part.id, part.providerMetadata);
        break;
      case 'tool-call':
        return onToolCall(part);
      case 'finish': {
        const usage = providerUsage(part.usage);
        emit({ type: 'finish', finishReason: part.finishReason.unified, ...(usage ? { usage } : {}) });
        break;
      }
      case 'error':
        // Reported once the stream is over; what streamed before it stays in the transcript.
        failure = describeProviderError(streamedError(part.error), model.providerId);
        break;
      default:
        // Stream start, response metadata, tool-input progress, sources, files: nothing the turn shows or sends back.
        break;
    }
    return undefined;
  };

  try {
    let built: BuiltLanguageModel;
    try {
      built = languageModelFor(model);
    } catch (error) {
      return { aborted: false, failure: { message: `cannot use ${model.ref}: ${(error as Error).message}`, kind: 'unknown', retryable: false } };
    }
    const callOptions: LanguageModelV4CallOptions = {
      prompt: toLanguageModelPrompt(request.instructions, request.messages),
      ...(request.tools.length > 0 ? { tools: request.tools.map(functionTool), toolChoice: { type: 'auto' as const } } : {}),
      maxOutputTokens: model.maxTokens,
      ...(request.providerOptions ? { providerOptions: request.providerOptions as SharedV4ProviderOptions } : {}),
      abortSignal: signal,
    };
    if (built.chatCompletions) {
      await streamChatCompletions(built.chatCompletions.model, built.chatCompletions.route, callOptions, onPart);
    } else {
      const { stream } = await built.languageModel.doStream(callOptions);
      // A plain reader loop: one read per part, no async-iterator copy of the stream.
      const reader = stream.getReader();
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          const pending = onPart(next.value);
          if (pending) await pending;
        }
      } finally {
        reader.releaseLock();
      }
    }
  } catch (error) {
    if (signal.aborted) return { aborted: true };
    failure = describeProviderError(error, model.providerId);
  }
  if (signal.aborted) return { aborted: true };
  const assistant = assistantMessageFrom(content.finish());
  return { aborted: false, ...(assistant ? { assistant } : {}), ...(failure ? { failure } : {}) };
}
