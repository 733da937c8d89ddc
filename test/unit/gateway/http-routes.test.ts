import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BearerAuthOutcome } from '../../../gateway/core/server/http-bearer-auth.js';
import { handleHttpRequest } from '../../../gateway/core/server/http-endpoints.js';
import { findRoute, type HttpRoute } from '../../../gateway/core/server/http-routes.js';

const routes: HttpRoute[] = [
  { path: '/ui', prefix: true, methods: ['GET'], handle: (_req, res, path) => void res.end(`ui:${path}`) },
  { path: '/ui/api', prefix: true, methods: ['GET', 'POST'], handle: (_req, res) => void res.end('api') },
  { path: '/healthz', methods: ['GET'], handle: (_req, res) => void res.end('shadow') },
  { path: '/broken', methods: ['GET'], handle: async () => Promise.reject(new Error('boom')) },
  { path: '/admin', methods: ['POST'], auth: 'gateway-secret', handle: (_req, res) => void res.end('minted') },
];

/** Stands in for the gateway's bearer check: only `Bearer right` passes. */
function authorize(request: IncomingMessage): BearerAuthOutcome {
  return request.headers.authorization === 'Bearer right' ? { ok: true } : { ok: false, status: 401, message: 'unauthorized' };
}

describe('HTTP routes contributed by features', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) =>
      handleHttpRequest(request, response, { started: () => true, ready: () => true, version: 'v', bootId: 'b', routes, authorize }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('matches exact paths, then the longest prefix, never a look-alike', () => {
    expect(findRoute(routes, '/ui')?.path).toBe('/ui');
    expect(findRoute(routes, '/ui/app.js')?.path).toBe('/ui');
    expect(findRoute(routes, '/ui/api/x')?.path).toBe('/ui/api');
    expect(findRoute(routes, '/uix')).toBeUndefined();
  });

  it('serves a feature route beside the core probes, which no feature can shadow', async () => {
    expect(await (await fetch(`${base}/ui/index.html`)).text()).toBe('ui:/ui/index.html');
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true, service: 'gatehouse' });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it('answers a method the route does not take with 405, and a failing route with 500, not a hung socket', async () => {
    expect((await fetch(`${base}/ui/app.js`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/ui/api/x`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${base}/broken`)).status).toBe(500);
  });

  it('runs a route that asks for the gateway secret only with it', async () => {
    const refused = await fetch(`${base}/admin`, { method: 'POST', headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${base}/admin`, { method: 'POST' })).status).toBe(401);
    expect(await (await fetch(`${base}/admin`, { method: 'POST', headers: { authorization: 'Bearer right' } })).text()).toBe('minted');
  });
});
