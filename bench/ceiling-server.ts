/**
 * The ceiling: a bare `ws` server that speaks just enough of the frame shapes for the benchmark
 * scenarios and does nothing else — no validation, auth, state or logging. Whatever the gateway
 * costs beyond these numbers is the gateway's own work.
 *
 * Run as a child process like the gateway: `node dist/bench/ceiling-server.js [--port N]`; it
 * prints one `… listening on ws://127.0.0.1:<port>` line and stops on SIGTERM/SIGINT.
 */
import { serveBare, type BareRequest } from './bare-server.js';

let seq = 0;

/**
 * The fan-out frame: same event name and prefix as the gateway's, one presence row echoing the
 * caller. `padTo` (bench-only) pads the row so the frame has about that many bytes, to compare
 * with the gateway at equal frame size.
 */
function broadcastPresence(params: BareRequest['params']): void {
  seq += 1;
  const row: Record<string, unknown> = { host: typeof params?.host === 'string' ? params.host : 'ceiling', text: typeof params?.text === 'string' ? params.text : '', ts: Date.now() };
  const frame = (value: Record<string, unknown>) => `{"type":"event","event":"presence","payload":${JSON.stringify({ presence: [value] })},"seq":${seq}}`;
  let text = frame(row);
  if (typeof params?.padTo === 'number' && params.padTo > text.length) text = frame({ ...row, pad: 'x'.repeat(params.padTo - text.length - 9) });
  for (const socket of ready) socket.send(text);
}

const ready = serveBare({
  name: 'ceiling',
  features: { methods: ['health', 'system-event'], events: ['presence'] },
  onRequest(socket, request) {
    if (request.method === 'system-event' && request.params?.host !== undefined) broadcastPresence(request.params);
    socket.send(`{"type":"res","id":${JSON.stringify(request.id)},"ok":true,"payload":{"ok":true}}`);
  },
});
