/**
 * The test bridge's server: on one loopback port it serves the built renderer (out/renderer,
 * standing in for main's app:// protocol) and, at /bridge, a WebSocket that carries
 * `window.gatehouse` calls to the companion controller and its events back to the page.
 *
 * Calls go through the same code as in the app: registerInvokeHandlers (sender check, the
 * window's channel list, then the shape of the call) and the companion handler table, into
 * CompanionController.invoke. The "sender" is the socket: trusted while it is open and only when
 * its Origin is this server. Each socket names its kind of window when it connects
 * (`/bridge?window=chat`), standing in for main knowing which window it created; its calls and
 * the events it receives are held to that kind's lists, as in the app.
 * Same origin, so the page's Content-Security-Policy (`connect-src 'self'`) lets it connect.
 *
 * Wire format (JSON text frames):
 *   page → server  { type: 'invoke', id, channel, args }
 *   server → page  { type: 'result', id, ok: true, value } | { type: 'result', id, ok: false, error }
 *   server → page  { type: 'event', channel, payload }
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel, EventPayload, InvokeChannel, InvokeResponse } from '../../../shared/ipc/contract.js';
import { isWindowKind, type WindowKind } from '../../../shared/ipc/window-kinds.js';
import { companionInvokeHandlers } from '../../../main/ipc/companion-handlers.js';
import { registerInvokeHandlers, type IpcMainPort, type IpcRefusal } from '../../../main/ipc/register-invoke-handlers.js';
import { broadcastEvent, type EventRecipient } from '../../../main/ipc/send-event.js';
import type { IpcSenderInfo } from '../../../main/ipc/sender-policy.js';
import { appOriginOf } from '../../../main/security/app-origin.js';
import { serveFile } from '../static-server.js';

export const BRIDGE_PATH = '/bridge';

/** The socket path for one kind of window. */
export const bridgePathFor = (kind: WindowKind): string => `${BRIDGE_PATH}?window=${kind}`;
const MAX_FRAME_BYTES = 1_048_576;

export interface BridgeTarget {
  invoke<C extends InvokeChannel>(channel: C, request?: unknown): Promise<InvokeResponse<C>>;
}

export interface BridgeServer {
  url: string;
  /** Pushes a contract event to every connected page whose kind listens to it (wire the controller's `emit` here). */
  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void;
  refusals: IpcRefusal[];
  /** How many pages are connected right now. */
  connections(): number;
  close(): Promise<void>;
}

type Listener = (event: IpcSenderInfo, ...args: unknown[]) => unknown;

/** `ipcMain` for the bridge: keeps the handlers registerInvokeHandlers gives it. */
class BridgeIpcMain implements IpcMainPort<IpcSenderInfo> {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export async function startBridgeServer(options: { rendererDir: string; target: BridgeTarget }): Promise<BridgeServer> {
  const root = resolve(options.rendererDir);
  const server: Server = createServer((request, response) => serveFile(root, request, response));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const origin = appOriginOf(`${url}/index.html`);

  const sockets = new Map<number, { ws: WebSocket; kind: WindowKind }>();
  let nextSocketId = 1;
  const refusals: IpcRefusal[] = [];
  const ipcMain = new BridgeIpcMain();
  const unregister = registerInvokeHandlers<IpcSenderInfo>({
    ipcMain,
    handlers: companionInvokeHandlers((channel, request) => options.target.invoke(channel, request)),
    policy: { origin, windowKindOf: (id) => sockets.get(id)?.kind },
    describeSender: (event) => event,
    onRefused: (refusal) => refusals.push(refusal),
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const target = new URL(request.url ?? '/', url);
    const kind = target.searchParams.get('window');
    if (target.pathname !== BRIDGE_PATH || !isWindowKind(kind)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, kind));
  });

  function accept(ws: WebSocket, request: IncomingMessage, kind: WindowKind): void {
    const id = nextSocketId++;
    sockets.set(id, { ws, kind });
    // The browser sets Origin; page script cannot. It plays the part of the sender frame's URL.
    const sender: IpcSenderInfo = { webContentsId: id, frame: { url: `${request.headers.origin ?? 'null'}/`, isMainFrame: true } };
    ws.on('close', () => sockets.delete(id));
    ws.on('error', () => sockets.delete(id));
    ws.on('message', (data) => {
      let message: { type?: unknown; id?: unknown; channel?: unknown; args?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (message.type !== 'invoke' || typeof message.id !== 'number' || typeof message.channel !== 'string') return;
      const callId = message.id;
      const reply = (body: Record<string, unknown>): void => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: callId, ...body }));
      };
      const handler = ipcMain.handlers.get(message.channel);
      if (handler === undefined) {
        reply({ ok: false, error: `No handler registered for '${message.channel}'` });
        return;
      }
      const args = Array.isArray(message.args) ? message.args : [];
      Promise.resolve()
        .then(() => handler(sender, ...args))
        .then(
          (value) => reply({ ok: true, value: value === undefined ? null : value }),
          (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
        );
    });
  }

  return {
    url,
    refusals,
    emit(channel, payload) {
      const recipients: EventRecipient[] = [];
      for (const { ws, kind } of sockets.values()) {
        if (ws.readyState !== ws.OPEN) continue;
        recipients.push({ kind, target: { send: (name, body) => ws.send(JSON.stringify({ type: 'event', channel: name, payload: body })) } });
      }
      broadcastEvent(recipients, channel, payload);
    },
    connections: () => sockets.size,
    async close() {
      unregister();
      for (const { ws } of sockets.values()) ws.terminate();
      await new Promise<void>((done) => wss.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
