/**
 * `window.gatehouse` for the built renderer in a plain browser, over the bridge's WebSocket
 * (bridge-server.ts) — the stand-in for the preload. Same surface as preload/bridge.ts: the
 * contract's channels through `invoke`, events through `on`/`off` with numeric ids, frozen.
 *
 * Injected with `page.addInitScript(installBridgeClient, init)`, so it runs in the page before
 * the app and must stay self-contained: type imports only, nothing used at runtime.
 */
import type { GatehouseBridge, SubscriptionId } from '../../../shared/ipc/contract.js';

export interface BridgeClientInit {
  /** Path of the bridge socket on the page's own origin (the CSP allows only 'self'). */
  path: string;
  invokeChannels: readonly string[];
  eventChannels: readonly string[];
}

export function installBridgeClient(init: BridgeClientInit): void {
  type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
  const g = globalThis as unknown as {
    location: { protocol: string; host: string };
    WebSocket: new (url: string) => {
      readyState: number;
      send(text: string): void;
      addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
    };
  };
  const pending = new Map<number, Pending>();
  const listeners = new Map<number, { channel: string; listener: (payload: unknown) => void }>();
  const queue: string[] = [];
  let nextCall = 1;
  let nextSubscription = 1;
  let closed = false;

  const socket = new g.WebSocket(`${g.location.protocol === 'https:' ? 'wss' : 'ws'}://${g.location.host}${init.path}`);
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const [id, call] of pending) {
      pending.delete(id);
      call.reject(new Error('gatehouse test bridge: the connection to main closed'));
    }
  });
  socket.addEventListener('message', (event) => {
    let message: { type?: string; id?: number; ok?: boolean; value?: unknown; error?: string; channel?: string; payload?: unknown };
    try {
      message = JSON.parse(String(event.data)) as typeof message;
    } catch {
      return;
    }
    if (message.type === 'result' && typeof message.id === 'number') {
      const call = pending.get(message.id);
      if (call === undefined) return;
      pending.delete(message.id);
      if (message.ok) call.resolve(message.value === null ? undefined : message.value);
      // Electron prefixes errors thrown in ipcMain handlers like this.
      else call.reject(new Error(`Error invoking remote method: ${message.error ?? 'failed'}`));
      return;
    }
    if (message.type === 'event' && typeof message.channel === 'string') {
      for (const entry of [...listeners.values()]) if (entry.channel === message.channel) entry.listener(message.payload);
    }
  });

  const bridge: GatehouseBridge = {
    invoke(channel: string, ...args: unknown[]) {
      if (!init.invokeChannels.includes(channel)) {
        return Promise.reject(new Error(`gatehouse: ${String(channel)} is not a channel of this window`));
      }
      if (closed) return Promise.reject(new Error('gatehouse test bridge: the connection to main closed'));
      const id = nextCall++;
      const text = JSON.stringify({ type: 'invoke', id, channel, args });
      return new Promise<unknown>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === 1) socket.send(text);
        else queue.push(text);
      }) as never;
    },
    on(channel: string, listener: (payload: never) => void) {
      if (!init.eventChannels.includes(channel)) throw new Error(`gatehouse: ${String(channel)} is not an event of this window`);
      if (typeof listener !== 'function') throw new TypeError('gatehouse: the listener must be a function');
      const id = nextSubscription++;
      listeners.set(id, { channel, listener: listener as (payload: unknown) => void });
      return id as SubscriptionId;
    },
    off(subscription: SubscriptionId) {
      listeners.delete(subscription);
    },
  } as GatehouseBridge;

  Object.defineProperty(globalThis, 'gatehouse', { value: Object.freeze(bridge), enumerable: true });
}
