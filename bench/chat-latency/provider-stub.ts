import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clockNow, tokenContent } from './token-marker.js';

/**
 * A model provider stand-in for the bench: `POST /v1/chat/completions` with `stream: true`
 * answered as OpenAI chat-completions SSE — a role chunk, `tokens` content chunks `intervalMs`
 * apart, a `finish_reason: "stop"` chunk, a usage chunk when `stream_options.include_usage` is set,
 * then `data: [DONE]`. Every content chunk carries a marker with the time it was written
 * (token-marker.ts), stamped immediately before the write; the first one also carries the time the
 * request came in.
 *
 * It runs inside the bench process so that sender and readers share one clock. `GET /v1/models`
 * answers with the one model, for a gateway that asks.
 */

export interface ProviderStubOptions {
  tokens: number;
  intervalMs: number;
  /** Request received → earliest first content chunk (the role chunk goes out at once). */
  firstTokenDelayMs: number;
  model: string;
}

/**
 * Token times sit on a grid shared by all streams: stream n (counted from the last resetStats())
 * writes at `epoch + k·intervalMs + (n mod intervalMs)` ms. Timers fire on whole milliseconds, so
 * concurrent streams fall into `intervalMs` phases and burst the same way whoever reads them —
 * the gateway (whose requests arrive spread out) and the direct reader (whose arrive together)
 * face the same write pattern.
 */
function firstSlot(epoch: number, earliest: number, intervalMs: number, phaseMs: number): number {
  const base = epoch + phaseMs;
  return base + Math.max(0, Math.ceil((earliest - base) / intervalMs)) * intervalMs;
}

export interface ProviderStubStats {
  /** Streams started since the last reset. */
  streams: number;
  /** Most streams open at the same time since the last reset. */
  peakConcurrent: number;
  /** Requests that were not a valid streaming chat completion (answered 4xx). */
  rejected: number;
  /** Streams the reader closed before `[DONE]`. */
  cutShort: number;
  /** How late the content writes ran behind their schedule (ms): the bench process's own timer lag. */
  writeLagMs: number[];
}

function emptyStats(): ProviderStubStats {
  return { streams: 0, peakConcurrent: 0, rejected: 0, cutShort: 0, writeLagMs: [] };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export class ProviderStub {
  stats: ProviderStubStats = emptyStats();
  private active = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly responses = new Set<ServerResponse>();
  private nextId = 1;
  private readonly epoch = Math.ceil(performance.now());

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private current: ProviderStubOptions,
  ) {}

  get options(): Readonly<ProviderStubOptions> {
    return this.current;
  }

  /** Changes the token spacing for streams started from now on (the gateway keeps the same URL). */
  setPace(intervalMs: number, firstTokenDelayMs = intervalMs): void {
    this.current = { ...this.current, intervalMs, firstTokenDelayMs };
  }

  static async start(options: ProviderStubOptions): Promise<ProviderStub> {
    const server = createServer({ noDelay: true, keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const stub = new ProviderStub(server, `http://127.0.0.1:${port}/v1`, { ...options });
    // Nobody knows the port before start() returns, so no request can come in before this.
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      stub.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
    return stub;
  }

  /** Starts a new counting period (per scenario). */
  resetStats(): void {
    this.stats = emptyStats();
  }

  get openStreams(): number {
    return this.active;
  }

  /** Cancels pending tokens, closes every connection (keep-alive ones too) and the listener. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const response of this.responses) response.destroy();
    this.responses.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private reject(response: ServerResponse, status: number, message: string): void {
    this.stats.rejected += 1;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = clockNow();
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/v1/models') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'list', data: [{ id: this.options.model, object: 'model', created: 0, owned_by: 'bench' }] }));
      return;
    }
    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      await readBody(request);
      this.reject(response, 404, `no route for ${request.method} ${path}`);
      return;
    }
    let body: { stream?: unknown; stream_options?: { include_usage?: unknown }; model?: unknown };
    try {
      body = JSON.parse(await readBody(request)) as typeof body;
    } catch {
      this.reject(response, 400, 'body is not JSON');
      return;
    }
    if (body.stream !== true) {
      this.reject(response, 400, 'the bench provider only streams (stream: true)');
      return;
    }
    this.stream(response, typeof body.model === 'string' ? body.model : this.options.model, body.stream_options?.include_usage === true, receivedAt);
  }

  private stream(response: ServerResponse, model: string, includeUsage: boolean, requestReceivedAt: number): void {
    const { tokens, intervalMs, firstTokenDelayMs } = this.options;
    const id = `chatcmpl-bench-${this.nextId++}`;
    const created = Math.floor(Date.now() / 1_000);
    const head = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},`;
    const chunk = (rest: string) => `data: ${head}${rest}}\n\n`;
    const stats = this.stats;
    const ordinal = stats.streams;
    stats.streams += 1;
    this.active += 1;
    stats.peakConcurrent = Math.max(stats.peakConcurrent, this.active);
    this.responses.add(response);

    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.active -= 1;
      this.responses.delete(response);
      if (timer) {
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    };
    response.once('close', () => {
      if (!finished) stats.cutShort += 1;
      finish();
    });

    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(chunk(`"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]`));

    // Absolute schedule: a late timer does not push every later token back.
    const phaseMs = ordinal % Math.max(1, Math.round(intervalMs));
    const startedAt = firstSlot(this.epoch, performance.now() + firstTokenDelayMs, intervalMs, phaseMs);
    let index = 0;
    const next = () => {
      if (timer) this.timers.delete(timer);
      timer = undefined;
      if (finished) return;
      const scheduledAt = startedAt + index * intervalMs;
      stats.writeLagMs.push(performance.now() - scheduledAt);
      const sentAt = clockNow();
      response.write(chunk(`"choices":[{"index":0,"delta":{"content":${JSON.stringify(tokenContent(index, sentAt, index === 0 ? requestReceivedAt : undefined))}},"finish_reason":null}]`));
      index += 1;
      if (index < tokens) {
        schedule();
        return;
      }
      response.write(chunk(`"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]`));
      if (includeUsage) response.write(chunk(`"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":${tokens},"total_tokens":${tokens + 1}}`));
      response.end('data: [DONE]\n\n');
      finish();
    };
    const schedule = () => {
      timer = setTimeout(next, Math.max(0, startedAt + index * intervalMs - performance.now()));
      this.timers.add(timer);
    };
    schedule();
  }
}
