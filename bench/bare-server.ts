/**
 * What the bench's bare `ws` servers (the ceiling, the chat relay floor) share: a loopback server
 * on `--port`, the challenge → `connect` → hello-ok handshake shape with nothing checked, one
 * `… listening on ws://127.0.0.1:<port>` line for server-process.ts, and a stop on SIGTERM/SIGINT.
 */
import { randomUUID } from 'node:crypto';
import WebSocket, { WebSocketServer } from 'ws';

export interface BareRequest {
  /** The request id, or 'invalid' when it had none. */
  id: string;
  method: unknown;
  params: Record<string, unknown> | undefined;
}

export interface BareServerOptions {
  /** Shown in hello-ok's server.version and the listening line. */
  name: string;
  features: { methods: string[]; events: string[] };
  /** Every request after `connect`. */
  onRequest: (socket: WebSocket, request: BareRequest) => void;
}

/** The value after `--<name>` on the command line. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function port(): number {
  const value = Number(argument('port') ?? 0);
  return Number.isInteger(value) && value >= 0 && value <= 65_535 ? value : 0;
}

function helloOk(id: string, options: BareServerOptions): string {
  return JSON.stringify({
    type: 'res',
    id,
    ok: true,
    payload: {
      type: 'hello-ok',
      protocol: 3,
      server: { version: options.name, connId: randomUUID() },
      features: options.features,
      snapshot: { presence: [], health: {}, stateVersion: { presence: 0, health: 0 }, uptimeMs: 0 },
      auth: { role: 'operator', scopes: ['operator.admin'] },
      policy: { maxPayload: 26_214_400, maxBufferedBytes: 52_428_800, tickIntervalMs: 30_000 },
    },
  });
}

/** Starts the server; the returned set holds the sockets that have sent `connect` and are still open. */
export function serveBare(options: BareServerOptions): Set<WebSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: port(), perMessageDeflate: false });
  const ready = new Set<WebSocket>();

  server.on('connection', (socket) => {
    socket.on('error', () => undefined);
    socket.on('close', () => ready.delete(socket));
    socket.on('message', (data) => {
      let request: { id?: unknown; method?: unknown; params?: unknown };
      try {
        request = JSON.parse(data.toString()) as typeof request;
      } catch {
        return;
      }
      const id = typeof request.id === 'string' ? request.id : 'invalid';
      if (request.method === 'connect') {
        ready.add(socket);
        socket.send(helloOk(id, options));
        return;
      }
      const params = typeof request.params === 'object' && request.params !== null ? (request.params as Record<string, unknown>) : undefined;
      options.onRequest(socket, { id, method: request.method, params });
    });
    socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: randomUUID(), ts: Date.now() } }));
  });

  server.on('listening', () => {
    const address = server.address();
    const listeningPort = typeof address === 'object' && address !== null ? address.port : 0;
    console.log(`gatehouse bench ${options.name} listening on ws://127.0.0.1:${listeningPort} (pid ${process.pid})`);
  });

  const stop = () => {
    for (const socket of server.clients) socket.terminate();
    server.close();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return ready;
}
