/**
 * Our model messages (the AI SDK's ModelMessage, which the transcript and the tool loop build)
 * in the provider specification's prompt form (LanguageModelV4Prompt), which every provider's
 * doStream takes. The two differ in little: images become file parts with their data tagged, the
 * instructions become the system message, and empty text parts are left out, as the SDK's own
 * conversion does.
 */
import type {
  LanguageModelV4FilePart,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4ReasoningPart,
  LanguageModelV4TextPart,
  LanguageModelV4ToolCallPart,
  LanguageModelV4ToolResultPart,
  SharedV4FileData,
  SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import type { DataContent, FilePart, ImagePart, ModelMessage } from 'ai';

type AssistantPart = LanguageModelV4TextPart | LanguageModelV4FilePart | LanguageModelV4ReasoningPart | LanguageModelV4ToolCallPart | LanguageModelV4ToolResultPart;

function withOptions<T extends object>(part: T, providerOptions: SharedV4ProviderOptions | undefined): T & { providerOptions?: SharedV4ProviderOptions } {
  return providerOptions ? { ...part, providerOptions } : part;
}

function fileData(data: DataContent | URL): SharedV4FileData {
  if (data instanceof URL) return { type: 'url', url: data };
  if (typeof data === 'string' || data instanceof Uint8Array) return { type: 'data', data };
  return { type: 'data', data: new Uint8Array(data) };
}

function filePart(part: ImagePart | FilePart): LanguageModelV4FilePart {
  const data = part.type === 'image' ? part.image : part.data;
  if (typeof data === 'object' && data !== null && !(data instanceof URL) && !(data instanceof Uint8Array) && !(data instanceof ArrayBuffer)) {
    throw new Error(`a ${part.type} part carries data this gateway does not send (${Object.prototype.toString.call(data)})`);
  }
  // Every image the gateway stores has its media type (attachments are checked on the way in).
  const mediaType = part.mediaType ?? (part.type === 'image' ? 'image/png' : 'application/octet-stream');
  return withOptions({ type: 'file', data: fileData(data as DataContent | URL), mediaType }, part.providerOptions);
}

function userMessage(message: Extract<ModelMessage, { role: 'user' }>): LanguageModelV4Message {
  const content = typeof message.content === 'string'
    ? [{ type: 'text' as const, text: message.content }]
    : message.content
        .filter((part) => part.type !== 'text' || part.text !== '')
        .map((part) => (part.type === 'text' ? withOptions({ type: 'text' as const, text: part.text }, part.providerOptions) : filePart(part)));
  return withOptions({ role: 'user', content }, message.providerOptions);
}

function assistantMessage(message: Extract<ModelMessage, { role: 'assistant' }>): LanguageModelV4Message {
  if (typeof message.content === 'string') return withOptions({ role: 'assistant', content: [{ type: 'text', text: message.content }] }, message.providerOptions);
  const content: AssistantPart[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        // An empty text part means nothing unless it carries provider metadata (as the SDK's own conversion decides).
        if (part.type === 'text' && part.text === '' && !part.providerOptions) break;
        content.push(withOptions({ type: part.type, text: part.text }, part.providerOptions));
        break;
      case 'tool-call':
        content.push(withOptions({ type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, ...(part.providerExecuted ? { providerExecuted: true } : {}) }, part.providerOptions));
        break;
      case 'tool-result':
        content.push(withOptions({ type: 'tool-result', toolCallId: part.toolCallId, toolName: part.toolName, output: part.output as LanguageModelV4ToolResultPart['output'] }, part.providerOptions));
        break;
      case 'file':
        content.push(filePart(part));
        break;
      default:
        // Parts the gateway never writes into a conversation (approval requests, custom parts).
        throw new Error(`an assistant message holds a ${part.type} part, which the gateway does not send to models`);
    }
  }
  return withOptions({ role: 'assistant', content }, message.providerOptions);
}

function toolMessage(message: Extract<ModelMessage, { role: 'tool' }>): LanguageModelV4Message {
  const content = message.content.map((part) => {
    if (part.type !== 'tool-result') throw new Error(`a tool message holds a ${part.type} part, which the gateway does not send to models`);
    return withOptions({ type: 'tool-result' as const, toolCallId: part.toolCallId, toolName: part.toolName, output: part.output as LanguageModelV4ToolResultPart['output'] }, part.providerOptions);
  });
  return withOptions({ role: 'tool', content }, message.providerOptions);
}

export function toLanguageModelPrompt(instructions: string, messages: readonly ModelMessage[]): LanguageModelV4Prompt {
  const prompt: LanguageModelV4Prompt = instructions === '' ? [] : [{ role: 'system', content: instructions }];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        prompt.push(withOptions({ role: 'system', content: message.content }, message.providerOptions));
        break;
      case 'user':
        prompt.push(userMessage(message));
        break;
      case 'assistant':
        prompt.push(assistantMessage(message));
        break;
      case 'tool':
        prompt.push(toolMessage(message));
        break;
    }
  }
  return prompt;
}
