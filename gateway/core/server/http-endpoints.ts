import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BearerAuthOutcome } from './http-bearer-auth.js';
import { findRoute, type HttpRoute } from './http-routes.js';

export interface ProbeState {
  started(): boolean;
  ready(): boolean;
  version: string;
  bootId: string;
  /** Paths the features serve (http-routes.ts). */
  routes: readonly HttpRoute[];
  /** Checks the admin bearer of a route that asks for it (HttpRoute.auth). */
  authorize(request: IncomingMessage): BearerAuthOutcome;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/**
 * Kubernetes-style probes on the gateway's own port: /healthz (the process answers),
 * /startupz (start-up finished), /readyz (accepting clients). The tray's supervisor reads them.
 */
export function handleHttpRequest(request: IncomingMessage, response: ServerResponse, state: ProbeState): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const probe = PROBES[path];
  if (probe) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { error: 'method not allowed' });
    const [status, body] = probe(state);
    return sendJson(response, status, body);
  }
  const route = findRoute(state.routes, path);
  if (!route) return sendJson(response, 404, { error: 'not found' });
  if (!(route.methods as readonly string[]).includes(request.method ?? '')) return sendJson(response, 405, { error: 'method not allowed' });
  if (route.auth === 'gateway-secret') {
    const auth = state.authorize(request);
    if (!auth.ok) {
      const headers: Record<string, string> =
        auth.status === 429 ? { 'retry-after': String(Math.ceil((auth.retryAfterMs ?? 0) / 1000)) } : { 'www-authenticate': 'Bearer' };
      request.resume();
      return sendJson(response, auth.status, { error: auth.message }, headers);
    }
  }
  Promise.resolve(route.handle(request, response, path)).catch(() => {
    // The route failed before answering: the client still gets an answer, never a hung socket.
    if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
    else response.destroy();
  });
}

const PROBES: Readonly<Record<string, (state: ProbeState) => [number, unknown]>> = {
  '/healthz': (state) => [200, { ok: true, service: 'gatehouse', version: state.version, bootId: state.bootId }],
  '/startupz': (state) => [state.started() ? 200 : 503, { started: state.started() }],
  '/readyz': (state) => [state.ready() ? 200 : 503, { ready: state.ready() }],
};
