import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel, languageModelFor } from '../../../gateway/agent/models/language-model-factory.js';
import { streamChatCompletions } from '../../../gateway/agent/models/openai-chat-stream.js';
import type { ResolvedModel } from '../../../gateway/agent/models/resolved-model.js';

/** What the local server answers next: a status, headers and the raw body (SSE text or an error body). */
interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: string;
  /** The connection is dropped after the body, with no end. */
  cutOff?: boolean;
}

let server: Server;
let baseUrl: string;
let next: Answer = { body: '' };
const requests: { url: string; headers: Record<string, string | string[] | undefined>; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      if (request.url?.startsWith('/moved/')) {
        response.writeHead(307, { location: '/v1/chat/completions' });
        response.end();
        return;
      }
      response.writeHead(next.status ?? 200, { 'content-type': 'text/event-stream', ...next.headers });
      if (next.cutOff) {
        response.write(next.body, () => response.socket?.destroy());
        return;
      }
      response.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function model(overrides: Partial<ResolvedModel> = {}): ResolvedModel {
  return { ref: 'local/m', providerId: 'local', modelId: 'm', api: 'openai-completions', baseUrl, apiKey: 'sk-test', headers: { 'x-team': 'gatehouse' }, maxTokens: 256, ...overrides } as ResolvedModel;
}

const sse = (...events: unknown[]) => events.map((event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('');
const delta = (content: Record<string, unknown>, finish: string | null = null) => ({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: content, finish_reason: finish }] });
const usage = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, prompt_tokens_details: { cached_tokens: 3 } } };

const OPTIONS: LanguageModelV4CallOptions = {
  prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  tools: [{ type: 'function', name: 'exec', description: 'run', inputSchema: { type: 'object', properties: { command: { type: 'string' } } } }],
  toolChoice: { type: 'auto' },
  maxOutputTokens: 256,
};

/** What the gateway reads of a part; errors by presence only (the SDK's are zod errors, ours plain ones). */
function comparable(parts: LanguageModelV4StreamPart[]): unknown[] {
  const ignored = new Set(['stream-start', 'response-metadata', 'raw', 'tool-input-start', 'tool-input-delta', 'tool-input-end']);
  return parts.filter((part) => !ignored.has(part.type)).map((part) => (part.type === 'error' ? { type: 'error' } : part.type === 'finish' ? { ...part, providerMetadata: undefined } : part));
}

async function viaSdk(answer: Answer, target = model()): Promise<LanguageModelV4StreamPart[]> {
  next = answer;
  const { stream } = await createLanguageModel(target).doStream(OPTIONS);
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) parts.push(read.value);
  return parts;
}

async function viaFastPath(answer: Answer, target = model()): Promise<LanguageModelV4StreamPart[]> {
  next = answer;
  const { chatCompletions } = languageModelFor(target);
  if (!chatCompletions) throw new Error('not a Chat Completions model');
  const parts: LanguageModelV4StreamPart[] = [];
  await streamChatCompletions(chatCompletions.model, chatCompletions.route, OPTIONS, (part) => {
    parts.push(part);
    return undefined;
  });
  return parts;
}

const STREAMS: Record<string, string> = {
  'text, reasoning and usage': sse(delta({ role: 'assistant', content: '' }), delta({ reasoning_content: 'Think' }), delta({ reasoning_content: 'ing.' }), delta({ content: 'Hel' }), delta({ content: 'lo' }), delta({}, 'stop'), usage, '[DONE]'),
  'tool calls, the id before the name, arguments in pieces': sse(
    delta({ content: 'Running.' }),
    delta({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { arguments: '' } }] }),
    delta({ tool_calls: [{ index: 0, function: { name: 'exec', arguments: '{"comm' } }] }),
    delta({ tool_calls: [{ index: 0, function: { arguments: 'and":"ls"}' } }] }),
    delta({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'exec', arguments: '' } }] }),
    delta({ tool_calls: [{ index: 1, function: { arguments: '{"command":"pwd"}' } }] }),
    delta({}, 'tool_calls'),
    usage,
    '[DONE]',
  ),
  'content parts with thinking': sse(delta({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] }, { type: 'text', text: 'Answer.' }] }), delta({}, 'stop'), '[DONE]'),
  'a refusal': sse(delta({ refusal: 'I cannot help with that.' }), delta({}, 'stop'), '[DONE]'),
  'an error chunk mid-stream': sse(delta({ content: 'Part' }), { error: { message: 'overloaded', type: 'server_error' } }, '[DONE]'),
  'a chunk that is not JSON': sse(delta({ content: 'A' }), '{not json', delta({}, 'length'), '[DONE]'),
  'no finish reason': sse(delta({ content: 'cut' }), '[DONE]'),
  'CRLF line ends and a comment': `: keep-alive\r\n\r\ndata: ${JSON.stringify(delta({ content: 'ok' }))}\r\n\r\ndata: ${JSON.stringify(delta({}, 'stop'))}\r\n\r\ndata: [DONE]\r\n\r\n`,
};

describe('Chat Completions streamed without the SDK pipeline', () => {
  for (const [name, body] of Object.entries(STREAMS)) {
    it(`gives the same parts as the AI SDK's doStream: ${name}`, async () => {
      const expected = comparable(await viaSdk({ body }));
      expect(expected.length).toBeGreaterThan(1);
      expect(comparable(await viaFastPath({ body }))).toEqual(expected);
    });
  }

  it('sends what the SDK sends: URL, headers, body with stream options', async () => {
    await viaSdk({ body: STREAMS['no finish reason']! });
    await viaFastPath({ body: STREAMS['no finish reason']! });
    const [sdk, fast] = requests.slice(-2);
    expect(fast!.url).toBe('/v1/chat/completions');
    expect(fast!.url).toBe(sdk!.url);
    expect(fast!.body).toEqual(sdk!.body);
    expect(fast!.body).toMatchObject({ model: 'm', stream: true, stream_options: { include_usage: true }, max_tokens: 256 });
    for (const name of ['authorization', 'x-team', 'content-type', 'user-agent']) expect(fast!.headers[name]).toBe(sdk!.headers[name]);
    expect(fast!.headers.authorization).toBe('Bearer sk-test');
  });

  it('calls Ollama under /v1 as the SDK does', async () => {
    const ollama = model({ api: 'ollama', baseUrl: baseUrl.replace(/\/v1$/, '') });
    await viaFastPath({ body: STREAMS['no finish reason']! }, ollama);
    expect(requests.at(-1)!.url).toBe('/v1/chat/completions');
  });

  it('rejects an HTTP error as the SDK does: APICallError with the message, status, retryability and headers', async () => {
    const answer = { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '7' }, body: JSON.stringify({ error: { message: 'slow down', type: 'rate_limit' } }) };
    const sdk = await viaSdk(answer).catch((error: unknown) => error);
    const fast = await viaFastPath(answer).catch((error: unknown) => error);
    expect(fast).toMatchObject({ name: 'AI_APICallError', message: 'slow down', statusCode: 429, isRetryable: true });
    const pick = (error: unknown) => {
      const { name, message, statusCode, isRetryable, responseHeaders, responseBody } = error as Record<string, unknown>;
      return { name, message, statusCode, isRetryable, retryAfter: (responseHeaders as Record<string, string>)['retry-after'], responseBody };
    };
    expect(pick(fast)).toEqual(pick(sdk));
  });

  it('names the status when the error body is not the usual JSON', async () => {
    const answer = { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>bad gateway</html>' };
    const sdk = (await viaSdk(answer).catch((error: unknown) => error)) as { message: string; statusCode: number };
    const fast = (await viaFastPath(answer).catch((error: unknown) => error)) as { message: string; statusCode: number };
    expect(fast.statusCode).toBe(502);
    expect(fast.message).toBe(sdk.message);
  });

  it('reports a refused connection as the SDK does', async () => {
    const closed = model({ baseUrl: 'http://127.0.0.1:1/v1' });
    const sdk = (await viaSdk({ body: '' }, closed).catch((error: unknown) => error)) as Error;
    const fast = (await viaFastPath({ body: '' }, closed).catch((error: unknown) => error)) as Error;
    expect(fast.message).toMatch(/^Cannot connect to API/);
    expect(fast.message).toBe(sdk.message);
  });

  // The SDK's path says the same ("terminated", fetch's word) once its stream is set up; a cut
  // that comes sooner it reports as "Failed to process successful response".
  it('ends a body cut off mid-stream as fetch does: "terminated" with the socket error, after the parts that arrived', async () => {
    next = { body: sse(delta({ content: 'Hal' })), cutOff: true };
    const parts: LanguageModelV4StreamPart[] = [];
    const { model: languageModel, route } = languageModelFor(model()).chatCompletions!;
    const error = (await streamChatCompletions(languageModel, route, OPTIONS, (part) => void parts.push(part)).catch((thrown: unknown) => thrown)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('terminated');
    expect(error.cause).toBeInstanceOf(Error);
    expect(comparable(parts)).toEqual([{ type: 'text-start', id: 'txt-0' }, { type: 'text-delta', id: 'txt-0', delta: 'Hal' }]);
  });

  it('follows a redirect, sending the call again', async () => {
    const moved = model({ baseUrl: baseUrl.replace(/\/v1$/, '/moved') });
    const parts = comparable(await viaFastPath({ body: STREAMS['a refusal']! }, moved));
    expect(requests.slice(-2).map((request) => request.url)).toEqual(['/moved/chat/completions', '/v1/chat/completions']);
    expect(parts).toContainEqual({ type: 'text-delta', id: 'txt-0', delta: 'I cannot help with that.' });
  });

  it('fails a stream whose event outgrows any model chunk instead of buffering it', async () => {
    const huge = `data: {"x":"${'a'.repeat(17 * 1024 * 1024)}`;
    await expect(viaFastPath({ body: huge })).rejects.toThrow(/over 16777216 bytes/);
  });

  it('stops reading when the call is aborted and rejects with the abort reason', async () => {
    const controller = new AbortController();
    next = { body: sse(delta({ content: 'one' })) + `data: ${JSON.stringify(delta({ content: 'two' }))}` };
    const { model: languageModel, route } = languageModelFor(model()).chatCompletions!;
    const seen: string[] = [];
    const reason = new Error('stopped by the user');
    const call = streamChatCompletions(languageModel, route, { ...OPTIONS, abortSignal: controller.signal }, (part) => {
      if (part.type === 'text-delta') {
        seen.push(part.delta);
        controller.abort(reason);
      }
      return undefined;
    });
    await expect(call).rejects.toBe(reason);
    expect(seen).toEqual(['one']);
  });

  it('awaits a listener’s promise before the next part', async () => {
    next = { body: STREAMS['tool calls, the id before the name, arguments in pieces']! };
    const { model: languageModel, route } = languageModelFor(model()).chatCompletions!;
    const order: string[] = [];
    await streamChatCompletions(languageModel, route, OPTIONS, (part) => {
      if (part.type !== 'tool-call' && part.type !== 'finish') return undefined;
      order.push(`${part.type} start`);
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          order.push(`${part.type} end`);
          resolve();
        }, 5),
      );
    });
    expect(order).toEqual(['tool-call start', 'tool-call end', 'tool-call start', 'tool-call end', 'finish start', 'finish end']);
  });
});
