/**
 * The ceiling: a bare `ws` server that speaks just enough of the frame shapes for the benchmark
 * scenarios and does nothing else — no validation, auth, state or logging. Whatever the gateway
 * costs beyond these numbers is the gateway's own work.
 *
 * Run as a child process like the gateway: `node dist/bench/ceiling-server.js [--port N]`; it
 * prints one `… listening on ws://127.0.0.1:<port>` line and stops on SIGTERM/SIGINT.
 */
import { randomUUID } from 'node:crypto';
import WebSocket, { WebSocketServer } from 'ws';

interface RequestShape {
  id?: unknown;
  method?: unknown;
  params?: { text?: unknown; host?: unknown; padTo?: unknown };
}

function parsePort(argv: string[]): number {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? Number(argv[index + 1]) : 0;
  return Number.isInteger(value) && value >= 0 && value <= 65_535 ? value : 0;
}

const server = new WebSocketServer({ host: '127.0.0.1', port: parsePort(process.argv.slice(2)), perMessageDeflate: false });
const ready = new Set<WebSocket>();
let seq = 0;

function helloOk(id: string, connId: string): string {
  return JSON.stringify({
    type: 'res',
    id,
    ok: true,
    payload: {
      type: 'hello-ok',
      protocol: 3,
      server: { version: 'ceiling', connId },
      features: { methods: ['health', 'system-event'], events: ['presence'] },
      snapshot: { presence: [], health: {}, stateVersion: { presence: 0, health: 0 }, uptimeMs: 0 },
      auth: { role: 'operator', scopes: ['operator.admin'] },
      policy: { maxPayload: 26_214_400, maxBufferedBytes: 52_428_800, tickIntervalMs: 30_000 },
    },
  });
}

/**
 * The fan-out frame: same event name and prefix as the gateway's, one presence row echoing the
 * caller. `padTo` (bench-only) pads the row so the frame has about that many bytes, to compare
 * with the gateway at equal frame size.
 */
function broadcastPresence(params: RequestShape['params']): void {
  seq += 1;
  const row: Record<string, unknown> = { host: typeof params?.host === 'string' ? params.host : 'ceiling', text: typeof params?.text === 'string' ? params.text : '', ts: Date.now() };
  const frame = (value: Record<string, unknown>) => `{"type":"event","event":"presence","payload":${JSON.stringify({ presence: [value] })},"seq":${seq}}`;
  let text = frame(row);
  if (typeof params?.padTo === 'number' && params.padTo > text.length) text = frame({ ...row, pad: 'x'.repeat(params.padTo - text.length - 9) });
  for (const socket of ready) socket.send(text);
}

server.on('connection', (socket) => {
  const connId = randomUUID();
  socket.on('error', () => undefined);
  socket.on('close', () => ready.delete(socket));
  socket.on('message', (data) => {
    let request: RequestShape;
    try {
      request = JSON.parse(data.toString()) as RequestShape;
    } catch {
      return;
    }
    const id = typeof request.id === 'string' ? request.id : 'invalid';
    if (request.method === 'connect') {
      ready.add(socket);
      socket.send(helloOk(id, connId));
      return;
    }
    if (request.method === 'system-event' && request.params?.host !== undefined) broadcastPresence(request.params);
    socket.send(`{"type":"res","id":${JSON.stringify(id)},"ok":true,"payload":{"ok":true}}`);
  });
  socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: randomUUID(), ts: Date.now() } }));
});

server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`gatehouse bench ceiling listening on ws://127.0.0.1:${port} (pid ${process.pid})`);
});

function stop(): void {
  for (const socket of server.clients) socket.terminate();
  server.close();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
