/**
 * The `fetch` the AI SDK's providers are given for model calls: undici's `request()` on one
 * keep-alive Agent, answered as a standard web `Response` whose body streams the provider's bytes.
 *
 * Why not the global fetch: it is the same undici underneath, plus the Fetch standard's request
 * and response machinery (a Request object, header guards, the body re-wrapped in web streams,
 * a controller per chunk). Measured against the chat-latency provider stand-in (on a busy 2-core
 * box) it cost about twice the CPU to set up a streamed call (≈ 0.8–1.2 ms against ≈ 0.42 ms) and
 * more per streamed chunk; with fifty runs starting together that setup is what the last run's
 * first token waits behind.
 *
 * What the global fetch does that a model call does not need is left to it: a request it
 * cannot send as is (a `Request` object, a FormData or stream body) and any redirect are handed
 * to `globalThis.fetch`. Errors keep fetch's shape (`TypeError: fetch failed` with the cause, the
 * signal's reason on abort, `TypeError: terminated` for a body cut off) so the AI SDK reports
 * them as before.
 */
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';

/** One pool of keep-alive connections per origin; undici's defaults are those of Node's fetch. */
let agent: Agent | undefined;

function sharedAgent(): Agent {
  agent ??= new Agent();
  return agent;
}

/** Statuses whose Response must have no body (Fetch standard). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type HeaderValues = Record<string, string>;

/** Plain header records (what the AI SDK passes) as is; anything else through `Headers`. */
function requestHeaders(headers: RequestInit['headers']): HeaderValues | undefined {
  if (headers === undefined || headers === null) return undefined;
  const plain: HeaderValues = {};
  if (headers instanceof Headers || Array.isArray(headers)) {
    new Headers(headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
      plain[name] = value;
    });
    return plain;
  }
  for (const [name, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (value !== undefined) plain[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return plain;
}

function responseHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

/** The body as it was sent, undone from its content coding (no Accept-Encoding is sent, but a server may still compress). */
function decodedBody(body: Readable, headers: Headers): Readable {
  const coding = headers.get('content-encoding')?.trim().toLowerCase();
  let decoder;
  if (coding === 'gzip' || coding === 'x-gzip') decoder = createGunzip();
  else if (coding === 'deflate') decoder = createInflate();
  else if (coding === 'br') decoder = createBrotliDecompress();
  if (!decoder) return body;
  headers.delete('content-encoding');
  headers.delete('content-length');
  body.on('error', (error) => decoder.destroy(error));
  return body.pipe(decoder);
}

/** Chunks the web stream holds before the socket is paused (the AI SDK reads as they come). */
const BODY_HIGH_WATER_CHUNKS = 16;

/**
 * The body as a web stream that ends the way fetch's does: a connection lost mid-body is
 * `TypeError: terminated` with the socket error as its cause, an abort is the signal's reason.
 */
function webBody(body: Readable, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (cause?: unknown): void => {
          if (settled) return;
          settled = true;
          controller.error(signal?.aborted ? signal.reason : new TypeError('terminated', cause === undefined ? undefined : { cause }));
        };
        body.on('data', (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 1) <= 0) body.pause();
        });
        body.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        body.once('error', fail);
        // A body that closes without ending or failing was cut off all the same.
        body.once('close', () => fail());
      },
      pull() {
        body.resume();
      },
      cancel(reason) {
        settled = true;
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: BODY_HIGH_WATER_CHUNKS },
  );
}

/** A body undici can send without the Fetch standard's conversions, or undefined when it cannot. */
function sendableBody(body: RequestInit['body']): string | Uint8Array | null | 'unsupported' {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return 'unsupported';
}

/** An answer as undici gives it: the body a Node stream, undone from any content coding. */
export interface ProviderAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** Empty for a status that has no body. */
  readonly body: Readable;
  /** A redirect the global fetch must follow (the body was drained). */
  readonly redirect: boolean;
}

/**
 * One request on the shared keep-alive pool. Fails as fetch does: the signal's reason when
 * aborted, `TypeError: fetch failed` with the network error as its cause otherwise.
 */
export async function providerRequest(url: string | URL, init: { method: string; headers?: RequestInit['headers']; body: string | Uint8Array | null; signal?: AbortSignal | undefined }): Promise<ProviderAnswer> {
  const { signal } = init;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: init.method.toUpperCase() as Dispatcher.HttpMethod,
      headers: requestHeaders(init.headers),
      body: init.body,
      signal,
      dispatcher: sharedAgent(),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new TypeError('fetch failed', { cause: error });
  }
  const { statusCode, statusText } = response;
  const redirect = REDIRECT_STATUSES.has(statusCode) && response.headers.location !== undefined;
  const headers = responseHeaders(response.headers);
  if (redirect || NULL_BODY_STATUSES.has(statusCode)) await response.body.dump();
  return { status: statusCode, statusText, headers, body: decodedBody(response.body, headers), redirect };
}

export const providerFetch: typeof globalThis.fetch = async (input, init = {}) => {
  const body = sendableBody(init.body);
  if (input instanceof Request || body === 'unsupported') return globalThis.fetch(input, init);
  const signal = init.signal ?? undefined;
  const answer = await providerRequest(input, { method: init.method ?? 'GET', headers: init.headers, body, signal });
  // The global fetch follows redirects by the standard's rules; the request is sent again from the start.
  if (answer.redirect) return globalThis.fetch(input, init);
  const { status, statusText, headers } = answer;
  if (NULL_BODY_STATUSES.has(status)) return new Response(null, { status, statusText, headers });
  return new Response(webBody(answer.body, signal), { status, statusText, headers });
};
