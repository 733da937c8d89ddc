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
import { argument, serveBare } from '../bare-server.js';

const providerUrl = argument('provider');
const model = argument('model') ?? 'bench-model';
if (!providerUrl) {
  console.error('relay-server: --provider <baseUrl> is required');
  process.exit(2);
}

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
  const message = (textJson: string, ts: number) => `"message":{"role":"assistant","content":[{"type":"text","text":${textJson}}],"timestamp":${ts}}`;
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
        broadcast('chat', `${head}${seq},"state":"delta",${message(textJson, ts)},"deltaText":${deltaJson}}`);
      }
    }
    broadcast('chat', `${head}${seq + 1},"state":"final",${message(JSON.stringify(text), Date.now())}}`);
  } catch (error) {
    broadcast('chat', `${head}${seq + 1},"state":"error","errorMessage":${JSON.stringify((error as Error).message)}}`);
  }
}

const clients = serveBare({
  name: 'relay',
  features: { methods: ['chat.send'], events: ['agent', 'chat'] },
  onRequest(socket, request) {
    const runId = request.params?.idempotencyKey;
    if (request.method === 'chat.send' && typeof runId === 'string') {
      socket.send(JSON.stringify({ type: 'res', id: request.id, ok: true, payload: { runId, status: 'started' } }));
      const sessionKey = request.params?.sessionKey;
      void relay(runId, typeof sessionKey === 'string' ? sessionKey : 'main');
      return;
    }
    socket.send(JSON.stringify({ type: 'res', id: request.id, ok: false, error: { code: 'INVALID_REQUEST', message: 'the relay only knows connect and chat.send' } }));
  },
});
