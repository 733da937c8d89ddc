import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pino } from 'pino';
import { StartupGate } from '../../../gateway/composition/startup-gate.js';
import { EventBus } from '../../../gateway/core/events/event-bus.js';
import { MethodRouter } from '../../../gateway/core/router/dispatch.js';
import { IdempotencyCache } from '../../../gateway/core/router/idempotency-cache.js';
import { WriteRateLimiter } from '../../../gateway/core/router/write-rate-limiter.js';
import { AuthFailureLimiter } from '../../../gateway/core/server/auth-limiter.js';
import { ConnectionRegistry } from '../../../gateway/core/server/connection-registry.js';
import { GatewayServer, type ListenerServices } from '../../../gateway/core/server/gateway-server.js';

const servers: GatewayServer[] = [];
const clients: WebSocket[] = [];
const caches: IdempotencyCache[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  for (const server of servers.splice(0)) await server.close('test over');
  for (const cache of caches.splice(0)) cache.close();
});

/**
 * A listener whose services are still being built (the gateway opens its port first): only what
 * a connection needs before its connect frame is real; the rest is never reached here.
 */
async function listenWhileStarting(gate: StartupGate<object>): Promise<string> {
  const connections = new ConnectionRegistry();
  const settings = { controlUi: { enabled: false, basePath: '/' }, compat: { bareHandshake: false } };
  const services = {
    process: { version: 'test', bootId: 'boot', startedAtMs: Date.now(), hostName: 'test', stateDir: '/nonexistent', logFile: '/nonexistent/log' },
    logger: pino({ enabled: false }),
    config: { settings: () => settings },
    connections,
    bus: new EventBus(connections),
    healthSnapshot: () => ({}),
    features: { routes: () => [], connectionReady: () => undefined, connectionClosed: () => undefined },
    startup: (kind: 'upgrade' | 'request') => gate.pending(kind),
  } as unknown as ListenerServices;
  const idempotency = new IdempotencyCache();
  caches.push(idempotency);
  const server = new GatewayServer({
    services,
    router: new MethodRouter(idempotency, new WriteRateLimiter(), () => undefined),
    limiter: new AuthFailureLimiter({ maxAttempts: 10, windowMs: 60_000, lockoutMs: 60_000, exemptLoopback: true }),
    maxBufferedBytes: 1_048_576,
  });
  servers.push(server);
  const port = await server.listen('127.0.0.1', 0);
  return `ws://127.0.0.1:${port}`;
}

/** The first frame the client receives (or the error that ended it). */
function firstFrame(client: WebSocket): Promise<{ event?: string }> {
  return new Promise((resolve, reject) => {
    client.once('message', (data) => resolve(JSON.parse(String(data)) as { event?: string }));
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed before any frame')));
  });
}

describe('the listener while the gateway is still starting', () => {
  it('holds a WebSocket upgrade until the gateway is built, then serves it', async () => {
    const gate = new StartupGate<object>();
    const client = new WebSocket(await listenWhileStarting(gate));
    clients.push(client);
    let opened = false;
    client.once('open', () => (opened = true));
    const frame = firstFrame(client);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(opened).toBe(false);
    gate.ready({});
    await expect(frame).resolves.toMatchObject({ event: 'connect.challenge' });
  });

  it('holds an HTTP request until the gateway is built, then answers it', async () => {
    const gate = new StartupGate<object>();
    const url = (await listenWhileStarting(gate)).replace('ws:', 'http:');
    let answered = false;
    const response = fetch(`${url}/no-such-page`).then((reply) => {
      answered = true;
      return reply.status;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(answered).toBe(false);
    gate.ready({});
    await expect(response).resolves.toBe(404);
  });

  it('drops what it held when the start fails', async () => {
    const gate = new StartupGate<object>();
    const client = new WebSocket(await listenWhileStarting(gate));
    clients.push(client);
    const frame = firstFrame(client);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.failed(new Error('features could not be built'));
    await expect(frame).rejects.toThrow();
  });
});
