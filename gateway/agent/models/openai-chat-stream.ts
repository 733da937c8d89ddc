/**
 * A streamed Chat Completions call (`openai-completions`, `ollama`) read without the AI SDK's
 * stream pipeline, handing each part to the caller as it is parsed.
 *
 * Why: the SDK's `doStream` turns the response body into stream parts through five web streams
 * (the fetch body, TextDecoderStream, EventSourceParserStream, a JSON + zod validation stage, the
 * provider's own transform) and validates every chunk with zod. Traced in the gateway at 1 channel
 * message/s, response headers → the parts of a short reply took 1.5–1.9 ms there, a fifth of the
 * message's whole path, most of it promise and stream machinery; with fifty runs starting at once
 * each run's share delays the others'. Here the body is read once, parsed by the same SSE parser
 * the SDK uses (eventsource-parser) and mapped to the same parts with the same rules as
 * @ai-sdk/openai-compatible 3.0.92's `doStream` (test/unit/agent/openai-chat-stream.test.ts
 * compares the two), whose pieces are reused where they are public: the request body
 * (`prepareRequest`), the error-response handler, the tool-call tracker, usage and finish-reason
 * mapping. The request goes straight to the shared undici pool (provider-fetch.ts) and the body
 * is read as the Node stream it arrives as. One difference: the SDK checks every chunk against
 * its zod schema and turns a chunk that breaks it into an error part; here only the fields read
 * are checked, and a field of the wrong type is ignored.
 */
import { APICallError, type LanguageModelV4CallOptions, type LanguageModelV4FinishReason, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { OpenAICompatibleChatLanguageModel } from '@ai-sdk/openai-compatible';
import { convertOpenAICompatibleChatUsage, mapOpenAICompatibleFinishReason } from '@ai-sdk/openai-compatible/internal';
import { StreamingToolCallTracker, generateId, jsonSchema, createJsonErrorResponseHandler, type StreamingToolCallDelta } from '@ai-sdk/provider-utils';
import { createParser } from 'eventsource-parser';
import { Readable } from 'node:stream';
import { providerRequest, type ProviderAnswer } from './provider-fetch.js';

/** Where a Chat Completions model is called and with which headers (those the SDK would send). */
export interface ChatCompletionsRoute {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The provider's name: the key of its provider options and metadata. */
  readonly providerName: string;
}

/** Receives each part; a returned promise is awaited before the next part. */
export type StreamPartListener = (part: LanguageModelV4StreamPart) => Promise<void> | undefined;

/** An SSE line longer than this is not a model's chunk: the stream fails instead of buffering on. */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

interface ErrorBody {
  error: { message: string };
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { error?: { message?: unknown } }).error?.message === 'string';
}

/** The SDK's default OpenAI-compatible error structure (`{ error: { message } }`), checked by hand instead of with zod. */
const failedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: jsonSchema<ErrorBody>({ type: 'object' }, { validate: (value) => (isErrorBody(value) ? { success: true, value } : { success: false, error: new Error('not an error body') }) }),
  errorToMessage: (data: ErrorBody) => data.error.message,
});

function toCamelCase(name: string): string {
  return name.replace(/[_-]([a-z])/g, (match) => match[1]!.toUpperCase());
}

/** The providerMetadata key the SDK would use: the camelCase name when the caller's options used it. */
function metadataKeyOf(providerName: string, providerOptions: LanguageModelV4CallOptions['providerOptions']): string {
  const camel = toCamelCase(providerName);
  return camel !== providerName && providerOptions?.[camel] != null ? camel : providerName;
}

interface ToolCallDeltaWire extends StreamingToolCallDelta {
  extra_content?: { google?: { thought_signature?: string } } | null;
}

interface ChunkDelta {
  content?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
  refusal?: unknown;
  tool_calls?: unknown;
}

interface Chunk {
  error?: unknown;
  usage?: Parameters<typeof convertOpenAICompatibleChatUsage>[0] | null;
  choices?: { delta?: ChunkDelta | null; finish_reason?: string | null }[];
}

/** `delta.content` as text and reasoning pieces: a string, or the content-part array some servers send. */
function contentPieces(content: unknown): { type: 'text' | 'reasoning'; text: string }[] {
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  const pieces: { type: 'text' | 'reasoning'; text: string }[] = [];
  for (const part of content as { type?: unknown; text?: unknown; thinking?: unknown }[]) {
    if (part?.type === 'text' && typeof part.text === 'string') {
      if (part.text.length > 0) pieces.push({ type: 'text', text: part.text });
    } else if (part?.type === 'thinking' && Array.isArray(part.thinking)) {
      const text = (part.thinking as { type?: unknown; text?: unknown }[])
        .filter((piece) => piece?.type === 'text' && typeof piece.text === 'string')
        .map((piece) => piece.text as string)
        .join('');
      if (text.length > 0) pieces.push({ type: 'reasoning', text });
    }
  }
  return pieces;
}

/**
 * The parts of one call, in the order and shape @ai-sdk/openai-compatible's `doStream` gives them
 * (response metadata and raw chunks left out: the gateway reads neither).
 */
class ChatChunkParts {
  private readonly queue: LanguageModelV4StreamPart[] = [];
  private readonly tracker: StreamingToolCallTracker<ToolCallDeltaWire>;
  private readonly pendingToolCalls = new Map<number, { id: string | null; bufferedArguments: string; extraContent: ToolCallDeltaWire['extra_content'] }>();
  private readonly forwardedToolCalls = new Set<number>();
  private finishReason: LanguageModelV4FinishReason | undefined;
  private rawFinishReason: string | undefined;
  private usage: Chunk['usage'];
  private activeReasoning = false;
  private activeText = false;
  private refusal = false;

  constructor(private readonly metadataKey: string) {
    this.tracker = new StreamingToolCallTracker<ToolCallDeltaWire>({ enqueue: (part: LanguageModelV4StreamPart) => this.queue.push(part) } as unknown as TransformStreamDefaultController<LanguageModelV4StreamPart>, {
      generateId,
      extractMetadata: (delta) => {
        const thoughtSignature = delta.extra_content?.google?.thought_signature;
        return thoughtSignature ? { [metadataKey]: { thoughtSignature } } : undefined;
      },
      buildToolCallProviderMetadata: (metadata) => metadata,
    });
  }

  /** Parts made so far, handed over once. */
  take(): LanguageModelV4StreamPart[] {
    return this.queue.splice(0, this.queue.length);
  }

  /** One SSE event's data. */
  event(data: string): void {
    if (data === '[DONE]') return;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (error) {
      this.fail(new Error(`the model's stream sent a chunk that is not JSON: ${(error as Error).message}`));
      return;
    }
    if (typeof value !== 'object' || value === null) {
      this.fail(new Error(`the model's stream sent a chunk that is not an object: ${data.slice(0, 200)}`));
      return;
    }
    const chunk = value as Chunk;
    if ('error' in chunk) {
      this.fail(chunk.error);
      return;
    }
    if (chunk.usage != null) this.usage = chunk.usage;
    const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
    if (typeof choice?.finish_reason === 'string') this.rawFinishReason = choice.finish_reason;
    const delta = choice?.delta;
    if (delta == null || typeof delta !== 'object') return;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === 'string' && reasoning.length > 0) this.reasoningDelta(reasoning);
    for (const piece of contentPieces(delta.content)) {
      if (piece.type === 'reasoning') this.reasoningDelta(piece.text);
      else this.textDelta(piece.text);
    }
    if (typeof delta.refusal === 'string' && delta.refusal.length > 0) {
      this.refusal = true;
      this.textDelta(delta.refusal);
    }
    if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) {
      this.endReasoning();
      for (const toolCall of delta.tool_calls as ToolCallDeltaWire[]) this.toolCallDelta(toolCall);
    }
  }

  /** The stream ended: close open blocks and tool calls, then the finish part. */
  end(): void {
    this.endReasoning();
    if (this.activeText) this.queue.push({ type: 'text-end', id: 'txt-0' });
    this.activeText = false;
    for (const [index, pending] of this.pendingToolCalls) this.tracker.processDelta({ index, id: pending.id, function: { arguments: pending.bufferedArguments } });
    this.pendingToolCalls.clear();
    this.tracker.flush();
    if (this.rawFinishReason !== undefined) {
      this.finishReason = { unified: mapOpenAICompatibleFinishReason(this.rawFinishReason, { hasRefusal: this.refusal }), raw: this.rawFinishReason };
    }
    if (this.finishReason === undefined) {
      this.finishReason = { unified: 'error', raw: undefined };
      this.queue.push({ type: 'error', error: new Error('Response stream ended without a finish reason.') });
    }
    this.queue.push({ type: 'finish', finishReason: this.finishReason, usage: convertOpenAICompatibleChatUsage(this.usage ?? undefined), providerMetadata: { [this.metadataKey]: {} } });
  }

  private fail(error: unknown): void {
    this.finishReason = { unified: 'error', raw: undefined };
    this.rawFinishReason = undefined;
    this.queue.push({ type: 'error', error });
  }

  private endReasoning(): void {
    if (!this.activeReasoning) return;
    this.queue.push({ type: 'reasoning-end', id: 'reasoning-0' });
    this.activeReasoning = false;
  }

  private reasoningDelta(delta: string): void {
    if (this.activeText) {
      this.queue.push({ type: 'text-end', id: 'txt-0' });
      this.activeText = false;
    }
    if (!this.activeReasoning) {
      this.queue.push({ type: 'reasoning-start', id: 'reasoning-0' });
      this.activeReasoning = true;
    }
    this.queue.push({ type: 'reasoning-delta', id: 'reasoning-0', delta });
  }

  private textDelta(delta: string): void {
    this.endReasoning();
    if (!this.activeText) {
      this.queue.push({ type: 'text-start', id: 'txt-0' });
      this.activeText = true;
    }
    this.queue.push({ type: 'text-delta', id: 'txt-0', delta });
  }

  /** Holds a call's arguments until its name arrives (some servers send the id first), as the provider does. */
  private toolCallDelta(delta: ToolCallDeltaWire): void {
    const index = delta.index;
    if (index == null || this.forwardedToolCalls.has(index)) {
      this.tracker.processDelta(delta);
      return;
    }
    let pending = this.pendingToolCalls.get(index);
    if (pending === undefined) {
      pending = { id: delta.id ?? null, bufferedArguments: '', extraContent: delta.extra_content ?? null };
      this.pendingToolCalls.set(index, pending);
    } else {
      if (pending.id == null && delta.id != null) pending.id = delta.id;
      if (pending.extraContent == null && delta.extra_content != null) pending.extraContent = delta.extra_content;
    }
    if (delta.function?.arguments != null) pending.bufferedArguments += delta.function.arguments;
    const name = delta.function?.name;
    if (name != null) {
      this.tracker.processDelta({ index, id: pending.id, function: { name, arguments: pending.bufferedArguments }, extra_content: pending.extraContent ?? undefined });
      this.pendingToolCalls.delete(index);
      this.forwardedToolCalls.add(index);
    }
  }
}

async function deliver(parts: LanguageModelV4StreamPart[], onPart: StreamPartListener): Promise<void> {
  for (const part of parts) {
    const pending = onPart(part);
    if (pending) await pending;
  }
}

/** A redirect, followed by the global fetch by the Fetch standard's rules (the request is sent again). */
async function followRedirect(url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal | undefined }): Promise<ProviderAnswer> {
  const response = await globalThis.fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal ?? null });
  const body = response.body ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
  return { status: response.status, statusText: response.statusText, headers: response.headers, body, redirect: false };
}

/** Sends the call; resolves with the body of a 2xx answer, rejects as postJsonToApi would. */
async function sendRequest(route: ChatCompletionsRoute, values: Record<string, unknown>, options: LanguageModelV4CallOptions): Promise<Readable> {
  const headers: Record<string, string> = { ...route.headers };
  for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[name] = value;
  const init = { method: 'POST', headers, body: JSON.stringify(values), signal: options.abortSignal };
  let answer: ProviderAnswer;
  try {
    answer = await providerRequest(route.url, init);
    if (answer.redirect) answer = await followRedirect(route.url, init);
  } catch (error) {
    // What postJsonToApi makes of a failed fetch (its handleFetchError), for the same messages.
    if (error instanceof TypeError && error.message === 'fetch failed' && error.cause instanceof Error) {
      throw new APICallError({ message: `Cannot connect to API: ${error.cause.message}`, cause: error.cause, url: route.url, requestBodyValues: values, isRetryable: true });
    }
    throw error;
  }
  if (answer.status >= 200 && answer.status <= 299) return answer.body;
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  const response = new Response(Buffer.concat(chunks), { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  throw (await failedResponseHandler({ response, url: route.url, requestBodyValues: values })).value;
}

/** Streams one call to `route`, calling `onPart` with each part; rejects as the SDK's stream would (HTTP errors as APICallError). */
export async function streamChatCompletions(languageModel: OpenAICompatibleChatLanguageModel, route: ChatCompletionsRoute, options: LanguageModelV4CallOptions, onPart: StreamPartListener): Promise<void> {
  const { body } = await languageModel.prepareRequest(options);
  const stream = await sendRequest(route, { ...body, stream: true, stream_options: { include_usage: true } }, options);
  const parts = new ChatChunkParts(metadataKeyOf(route.providerName, options.providerOptions));
  let parseError: Error | undefined;
  const parser = createParser({
    onEvent: (event) => parts.event(event.data),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') parseError = new Error(`the model's stream sent an event over ${MAX_EVENT_BYTES} bytes`);
    },
    maxBufferSize: MAX_EVENT_BYTES,
  });
  const decoder = new TextDecoder();
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const signal = options.abortSignal;
  let ended = false;
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        // As fetch ends a body cut off mid-stream (and as the SDK's path saw it): "terminated", the cause kept.
        if (signal?.aborted) throw signal.reason;
        throw new TypeError('terminated', { cause: error });
      }
      if (next.done) break;
      parser.feed(decoder.decode(next.value, { stream: true }));
      if (parseError) throw parseError;
      await deliver(parts.take(), onPart);
      // A part's listener may have stopped the call; what the body still holds is not read.
      signal?.throwIfAborted();
    }
    ended = true;
  } finally {
    if (!ended) stream.destroy();
  }
  parser.feed(decoder.decode());
  parts.end();
  await deliver(parts.take(), onPart);
}
