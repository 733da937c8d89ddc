import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ProbeState {
  started(): boolean;
  ready(): boolean;
  version: string;
  bootId: string;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/**
 * Kubernetes-style probes on the gateway's own port: /healthz (the process answers),
 * /startupz (start-up finished), /readyz (accepting clients). The tray's supervisor reads them.
 */
export function handleHttpRequest(request: IncomingMessage, response: ServerResponse, state: ProbeState): void {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, { error: 'method not allowed' });
    return;
  }
  switch (path) {
    case '/healthz':
      sendJson(response, 200, { ok: true, service: 'gatehouse', version: state.version, bootId: state.bootId });
      return;
    case '/startupz':
      sendJson(response, state.started() ? 200 : 503, { started: state.started() });
      return;
    case '/readyz':
      sendJson(response, state.ready() ? 200 : 503, { ready: state.ready() });
      return;
    default:
      sendJson(response, 404, { error: 'not found' });
  }
}
