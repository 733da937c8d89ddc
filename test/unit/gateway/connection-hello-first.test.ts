import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Connection } from '../../../gateway/core/server/connection.js';
import type { ConnectionHooks } from '../../../gateway/core/server/connection-contract.js';
import { InboundByteBudget } from '../../../gateway/core/server/inbound-byte-budget.js';

interface SocketState {
  corked: number;
  unsent: number;
}

const servers: Server[] = [];
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/**
 * A listener serving one Connection with hooks that accept any connect; `atReady` reports the
 * server socket's cork and unsent bytes at the moment the ready hook runs.
 */
async function serve(atReady: (state: SocketState) => void): Promise<string> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, skipUTF8Validation: true });
  const hooks: ConnectionHooks = {
    policy: () => ({ maxBufferedBytes: 1_048_576, bareHandshake: false }),
    handshake: () => ({ ok: true, value: { protocol: 3, role: 'operator', scopes: [], authMethod: 'token', clientAddress: '127.0.0.1' } }),
    helloOk: () => ({ type: 'hello-ok' }),
    ready: () => undefined,
    request: () => undefined,
    received: () => undefined,
    inboundBudget: new InboundByteBudget({ limitBytes: 64 * 1_048_576, readDeadlineMs: 30_000 }),
    closed: () => undefined,
    log: () => undefined,
  };
  const http = createServer();
  http.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => {
      const tcp = (ws as unknown as { _socket: Socket })._socket;
      new Connection(ws, request, { ...hooks, ready: () => atReady({ corked: tcp.writableCorked, unsent: tcp.writableLength }) });
    });
  });
  servers.push(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

describe('Connection: hello-ok', () => {
  it('is written to the socket before the ready hooks run', async () => {
    let atReady: SocketState | undefined;
    const url = await serve((state) => (atReady = state));
    const client = new WebSocket(url);
    clients.push(client);
    const hello = await new Promise<{ id: string; ok: boolean }>((resolve, reject) => {
      client.on('error', reject);
      client.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; event?: string; id: string; ok: boolean };
        if (frame.event === 'connect.challenge') {
          client.send(JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params: { minProtocol: 3, maxProtocol: 3, client: { id: 'test', version: '1.0.0', platform: 'linux', mode: 'test' }, auth: { token: 'x' } } }));
        } else if (frame.type === 'res') {
          resolve(frame);
        }
      });
    });
    expect(hello).toMatchObject({ id: 'c1', ok: true });
    // Corked until the next tick, hello-ok would have waited for the ready hooks' work.
    expect(atReady).toEqual({ corked: 0, unsent: 0 });
  });
});
