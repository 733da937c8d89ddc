import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preciseNow } from '../../test/fixtures/telegram-bot-api/index.js';
import { FakeThread } from './fake-thread.js';

/** `bench-<n>` in a user message names the bench message it answers. */
export const MARKER = /bench-(\d+)/g;

/** When the model stand-in received the turn of one bench message and when it finished answering it. */
export interface ModelTiming {
  readonly receivedAt: number;
  readonly doneAt: number;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The model for the channels bench: OpenAI chat-completions SSE answered at once with a short
 * reply ("ok bench-<n>", three content chunks, stop, usage, [DONE]) and, per bench message, the
 * time the request arrived and the time [DONE] was written — the model's own time, which the
 * suite subtracts from the end-to-end latency. The message is found by the last `bench-<n>` in
 * the request (the newest user message comes after the session's history). It runs on a thread of
 * its own (ChannelsModelStub, fake-thread.ts), so no other stand-in's work delays its stamps.
 */
export class ModelStubServer {
  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly onTiming: (id: number, timing: ModelTiming) => void,
  ) {}

  static async start(onTiming: (id: number, timing: ModelTiming) => void): Promise<ModelStubServer> {
    const server = createServer({ noDelay: true, keepAlive: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stub = new ModelStubServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, onTiming);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void stub.handle(request, response));
    return stub;
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // The model's own time starts when its request arrives (reading the body is the model's work).
    const receivedAt = preciseNow();
    const path = (request.url ?? '').split('?')[0];
    const body = await readBody(request);
    if (request.method === 'GET' && path === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: 'bench-model', object: 'model', created: 0, owned_by: 'bench' }] }));
      return;
    }
    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route for ${request.method} ${path}` } }));
      return;
    }
    const marker = [...body.matchAll(MARKER)].at(-1)?.[1];
    const head = `{"id":"chatcmpl-bench-${marker ?? 'x'}","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":"bench-model",`;
    const chunk = (rest: string) => `data: ${head}${rest}}\n\n`;
    const content = (text: string) => chunk(`"choices":[{"index":0,"delta":{"content":${JSON.stringify(text)}},"finish_reason":null}]`);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(chunk(`"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]`));
    response.write(content('ok '));
    response.write(content('bench-'));
    response.write(content(marker ?? 'unknown'));
    response.write(chunk(`"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]`));
    response.write(chunk(`"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13}`));
    response.end('data: [DONE]\n\n');
    if (marker !== undefined) this.onTiming(Number(marker), { receivedAt, doneAt: preciseNow() });
  }
}

/** The model stand-in on its own thread, as the suite uses it: its URL and the timings it reported. */
export class ChannelsModelStub {
  readonly timings = new Map<number, ModelTiming>();
  private constructor(
    private readonly thread: FakeThread,
    readonly baseUrl: string,
  ) {
    thread.on((event) => {
      if (event.type === 'timing') this.timings.set(event.id, { receivedAt: event.receivedAt, doneAt: event.doneAt });
    });
  }

  static async start(): Promise<ChannelsModelStub> {
    const thread = await FakeThread.start('model');
    if (!thread.ready.baseUrl) throw new Error('the model stand-in gave no URL');
    return new ChannelsModelStub(thread, thread.ready.baseUrl);
  }

  stop(): Promise<void> {
    return this.thread.stop();
  }
}
