import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFetch } from '../../../gateway/agent/models/provider-fetch.js';

/** What the server saw of the last request. */
interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let seen: SeenRequest | undefined;
/** Lets the streaming route send its second event once the test has read the first. */
let releaseSecondEvent: () => void = () => undefined;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
  seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: await readBody(request) };
  switch (request.url) {
    case '/stream': {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      await new Promise<void>((resolve) => (releaseSecondEvent = resolve));
      response.end('data: two\n\n');
      return;
    }
    case '/endless':
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      return; // never ends: the client aborts
    case '/cut':
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: partial\n\n', () => setTimeout(() => response.socket?.destroy(), 20));
      return;
    case '/limited':
      response.writeHead(429, 'Too Many Requests', { 'content-type': 'application/json', 'retry-after': '3', 'set-cookie': ['a=1', 'b=2'] });
      response.end('{"error":{"message":"slow down"}}');
      return;
    case '/moved':
      response.writeHead(307, { location: '/json' });
      response.end();
      return;
    case '/json':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ method: request.method, body: seen.body }));
      return;
    case '/gzip':
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync('{"packed":true}'));
      return;
    case '/empty':
      response.writeHead(204);
      response.end();
      return;
    default:
      response.writeHead(404);
      response.end('no route');
  }
}

beforeAll(async () => {
  server = createServer((request, response) => void route(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('provider fetch', () => {
  it('sends the method, headers and body as given and streams the answer as it arrives', async () => {
    const response = await providerFetch(`${base}/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer key', 'x-skipped': undefined } as unknown as Record<string, string>,
      body: '{"stream":true}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(seen).toMatchObject({ method: 'POST', body: '{"stream":true}' });
    expect(seen?.headers.authorization).toBe('Bearer key');
    expect(seen?.headers['x-skipped']).toBeUndefined();

    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    // The first event is readable while the server still holds the second back.
    expect((await reader.read()).value).toBe('data: one\n\n');
    releaseSecondEvent();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += next.value;
    expect(rest).toBe('data: two\n\n');
  });

  it('takes headers as a Headers object too', async () => {
    await (await providerFetch(`${base}/json`, { method: 'POST', headers: new Headers({ 'x-from': 'headers' }), body: 'x' })).text();
    expect(seen?.headers['x-from']).toBe('headers');
  });

  it('answers an error status with its status, text, headers and body, for the caller to report', async () => {
    const response = await providerFetch(`${base}/limited`, { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.statusText).toBe('Too Many Requests');
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ error: { message: 'slow down' } });
  });

  it('follows a redirect like fetch, sending the request again', async () => {
    const response = await providerFetch(`${base}/moved`, { method: 'POST', body: 'again' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: 'POST', body: 'again' });
  });

  it('undoes a content coding the server applied anyway', async () => {
    const response = await providerFetch(`${base}/gzip`, { method: 'GET' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual({ packed: true });
  });

  it('gives a status without a body an empty one', async () => {
    const response = await providerFetch(`${base}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('fails like fetch when nothing listens, with the network error as the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await providerFetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('fetch failed');
    expect(((failure as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('rejects with the signal reason when aborted before the answer', async () => {
    const controller = new AbortController();
    const reason = new DOMException('stopped by the run', 'AbortError');
    controller.abort(reason);
    await expect(providerFetch(`${base}/json`, { method: 'POST', body: '{}', signal: controller.signal })).rejects.toBe(reason);
  });

  it('ends the body stream with an error when aborted mid-stream', async () => {
    const controller = new AbortController();
    const response = await providerFetch(`${base}/endless`, { method: 'POST', body: '{}', signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it('ends a body cut off mid-stream the way fetch does: "terminated", with the socket error as the cause', async () => {
    const response = await providerFetch(`${base}/cut`, { method: 'POST', body: '{}' });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('data: partial\n\n');
    const failure = await reader.read().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('terminated');
    expect((failure as TypeError).cause).toBeInstanceOf(Error);
  });

  it('hands what it cannot send itself (a Request object, a form body) to the global fetch', async () => {
    const fromRequest = await providerFetch(new Request(`${base}/json`, { method: 'POST', body: 'as request' }));
    expect(await fromRequest.json()).toEqual({ method: 'POST', body: 'as request' });
    const form = new URLSearchParams({ field: 'value' });
    const fromForm = await providerFetch(`${base}/json`, { method: 'POST', body: form });
    expect(await fromForm.json()).toEqual({ method: 'POST', body: 'field=value' });
  });
});
