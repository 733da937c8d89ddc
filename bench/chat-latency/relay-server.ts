/**
 * The relay floor: the least a separate gateway process could do for a `chat.send` — fetch the
 * provider's SSE, split it into events, JSON.parse each, and send the same two frames per token
 * the gateway sends (`agent` assistant and `chat` delta, both with the cumulative text) to every
 * connected client. No AI SDK, no auth, no state, no transcript. It shows how much of the
 * gateway's overhead is this machine's process hop and CPU rather than the gateway's own work.
 *
 * Run as a child process like the gateway:
 * `node dist/bench/chat-latency/relay-server.js --port 0 --provider <baseUrl> --model <id>`;
 * it prints one `… listening on ws://127.0.0.1:<port>` line and stops on SIGTERM/SIGINT.
 */
import { randomUUID } from 'node:crypto';
import WebSocket, { WebSocketServer } from 'ws';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const providerUrl = argument('provider');
const model = argument('model') ?? 'bench-model';
if (!providerUrl) {
  console.error('relay-server: --provider <baseUrl> is required');
  process.exit(2);
}

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(argument('port') ?? 0), perMessageDeflate: false });
const clients = new Set<WebSocket>();
let frameSeq = 0;

function broadcast(event: string, payloadJson: string): void {
  frameSeq += 1;
  const frame = `{"type":"event","event":"${event}","payload":${payloadJson},"seq":${frameSeq}}`;
  for (const client of clients) client.send(frame);
}

async function relay(runId: string, sessionKey: string): Promise<void> {
  const head = `{"runId":${JSON.stringify(runId)},"sessionKey":${JSON.stringify(sessionKey)},"agentId":"main","seq":`;
  let text = '';
  let seq = 0;
  const message = (ts: number) => `"message":{"role":"assistant","content":[{"type":"text","text":${JSON.stringify(text)}}],"timestamp":${ts}}`;
  try {
    const response = await fetch(`${providerUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
      body: JSON.stringify({ model, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'go' }] }),
    });
    if (!response.ok || !response.body) throw new Error(`provider answered ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      buffer += decoder.decode(next.value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
        const delta = (JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
        if (!delta) continue;
        text += delta;
        seq += 1;
        const ts = Date.now();
        const textJson = JSON.stringify(text);
        const deltaJson = JSON.stringify(delta);
        broadcast('agent', `{"runId":${JSON.stringify(runId)},"seq":${seq},"stream":"assistant","ts":${ts},"data":{"text":${textJson},"delta":${deltaJson}}}`);
        broadcast('chat', `${head}${seq},"state":"delta",${message(ts)},"deltaText":${deltaJson}}`);
      }
    }
    broadcast('chat', `${head}${seq + 1},"state":"final",${message(Date.now())}}`);
  } catch (error) {
    broadcast('chat', `${head}${seq + 1},"state":"error","errorMessage":${JSON.stringify((error as Error).message)}}`);
  }
}

function helloOk(id: string): string {
  return JSON.stringify({
    type: 'res',
    id,
    ok: true,
    payload: {
      type: 'hello-ok',
      protocol: 3,
      server: { version: 'relay', connId: randomUUID() },
      features: { methods: ['chat.send'], events: ['agent', 'chat'] },
      snapshot: { presence: [], health: {}, stateVersion: { presence: 0, health: 0 }, uptimeMs: 0 },
      auth: { role: 'operator', scopes: ['operator.admin'] },
      policy: { maxPayload: 26_214_400, maxBufferedBytes: 52_428_800, tickIntervalMs: 30_000 },
    },
  });
}

server.on('connection', (socket) => {
  socket.on('error', () => undefined);
  socket.on('close', () => clients.delete(socket));
  socket.on('message', (data) => {
    let request: { id?: unknown; method?: unknown; params?: { sessionKey?: unknown; idempotencyKey?: unknown } };
    try {
      request = JSON.parse(data.toString()) as typeof request;
    } catch {
      return;
    }
    const id = typeof request.id === 'string' ? request.id : 'invalid';
    if (request.method === 'connect') {
      clients.add(socket);
      socket.send(helloOk(id));
      return;
    }
    if (request.method === 'chat.send' && typeof request.params?.idempotencyKey === 'string') {
      const runId = request.params.idempotencyKey;
      socket.send(JSON.stringify({ type: 'res', id, ok: true, payload: { runId, status: 'started' } }));
      void relay(runId, typeof request.params.sessionKey === 'string' ? request.params.sessionKey : 'main');
      return;
    }
    socket.send(JSON.stringify({ type: 'res', id, ok: false, error: { code: 'INVALID_REQUEST', message: 'the relay only knows connect and chat.send' } }));
  });
  socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: randomUUID(), ts: Date.now() } }));
});

server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  console.log(`gatehouse bench relay listening on ws://127.0.0.1:${port} (pid ${process.pid})`);
});

function stop(): void {
  for (const socket of server.clients) socket.terminate();
  server.close();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
