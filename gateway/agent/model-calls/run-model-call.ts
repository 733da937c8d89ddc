/**
 * One streamed model call through the AI SDK (streamLanguageModelCall: the provider's own stream
 * plus one stage, not streamText's pipeline), turned into ModelCallParts. Runs in the model-call
 * worker; the tool loop around it is the turn's (agent-turn.ts).
 */
import { experimental_streamLanguageModelCall as streamLanguageModelCall, jsonSchema, tool, type ToolSet } from 'ai';
import { createLanguageModel } from '../models/language-model-factory.js';
import { describeProviderError } from '../provider-errors.js';
import { assistantMessageFrom, type ModelCallContent } from '../step-messages.js';
import type { ModelCallEnd, ModelCallPart, ModelCallRequest, ToolDescriptor } from './model-call-types.js';
import { toUsage } from './token-usage.js';

/** The SDK parses and checks calls against these schemas; running the tools is the turn's job. */
function sdkTools(tools: readonly ToolDescriptor[]): ToolSet {
  return Object.fromEntries(
    tools.map((descriptor) => [
      descriptor.name,
      tool({ description: descriptor.description, inputSchema: jsonSchema(descriptor.inputSchema as Parameters<typeof jsonSchema>[0]) }),
    ]),
  );
}

export async function runModelCall(request: ModelCallRequest, signal: AbortSignal, emit: (part: ModelCallPart) => void): Promise<ModelCallEnd> {
  const { model } = request;
  let content: ModelCallContent = [];
  let failure: ModelCallEnd['failure'];
  try {
    let languageModel;
    try {
      languageModel = createLanguageModel(model);
    } catch (error) {
      return { aborted: false, failure: { message: `cannot use ${model.ref}: ${(error as Error).message}`, kind: 'unknown', retryable: false } };
    }
    const call = await streamLanguageModelCall({
      model: languageModel,
      instructions: request.instructions,
      messages: request.messages,
      tools: sdkTools(request.tools),
      abortSignal: signal,
      maxOutputTokens: model.maxTokens,
      ...(request.providerOptions ? { providerOptions: request.providerOptions as never } : {}),
      onLanguageModelCallEnd: (end) => {
        content = end.content;
      },
    });
    for await (const part of call.stream) {
      switch (part.type) {
        case 'text-delta':
          if (part.text !== '') emit({ type: 'text', text: part.text });
          break;
        case 'reasoning-delta':
          if (part.text !== '') emit({ type: 'reasoning', text: part.text });
          break;
        case 'tool-call':
          emit({
            type: 'tool-call',
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: part.input,
            invalid: part.invalid === true,
            providerExecuted: part.providerExecuted === true,
          });
          break;
        case 'tool-error':
          emit({ type: 'tool-error', toolCallId: part.toolCallId, toolName: part.toolName, message: part.error instanceof Error ? part.error.message : String(part.error) });
          break;
        case 'model-call-end': {
          const usage = toUsage(part.usage);
          emit({ type: 'finish', finishReason: part.finishReason, ...(usage ? { usage } : {}) });
          break;
        }
        case 'error':
          // Reported once the stream is over; what streamed before it stays in the transcript.
          failure = describeProviderError(part.error, model.providerId);
          break;
        default:
          break;
      }
    }
  } catch (error) {
    if (signal.aborted) return { aborted: true };
    failure = describeProviderError(error, model.providerId);
  }
  if (signal.aborted) return { aborted: true };
  const assistant = assistantMessageFrom(content);
  return { aborted: false, ...(assistant ? { assistant } : {}), ...(failure ? { failure } : {}) };
}
