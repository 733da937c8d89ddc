/**
 * Builds `window.gatehouse` from ipcRenderer for one kind of window: that window's channels of
 * the contract, typed, and nothing else.
 *
 * - `invoke` only forwards the channels the window's list names (shared/ipc/window-channels.ts);
 * - `on` only subscribes to the window's events and hands the listener the payload alone
 *   (never Electron's event object, whose `sender` is ipcRenderer itself);
 * - `off` takes the id `on` returned, since functions lose identity crossing the bridge.
 *
 * Main checks the same lists again for every call (main/ipc/register-invoke-handlers.ts): the
 * preload keeps an honest page inside its lane, main stops a compromised one.
 * No Electron import here, so tests build the bridge around a fake ipcRenderer under Node.
 */
import type { EventChannel, GatehouseBridge, InvokeChannel, SubscriptionId } from '../shared/ipc/contract.js';
import type { WindowChannels } from '../shared/ipc/window-channels.js';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The channels one window may use. */
export type AllowedChannels = Pick<WindowChannels, 'invoke' | 'events'>;

interface Subscription {
  channel: EventChannel;
  forward: (event: unknown, ...args: unknown[]) => void;
}

export function createGatehouseBridge(ipc: IpcRendererPort, allowed: AllowedChannels): GatehouseBridge {
  // Copied into Sets: a later change to the caller's arrays cannot widen this bridge, and `has`
  // never matches inherited names such as `__proto__` or `constructor`.
  const invokable: ReadonlySet<unknown> = new Set<InvokeChannel>(allowed.invoke);
  const hearable: ReadonlySet<unknown> = new Set<EventChannel>(allowed.events);
  const subscriptions = new Map<number, Subscription>();
  let nextId = 1;

  const bridge: GatehouseBridge = {
    invoke(channel: InvokeChannel, ...args: unknown[]) {
      if (!invokable.has(channel)) {
        return Promise.reject(new Error(`gatehouse: ${String(channel)} is not a channel of this window`));
      }
      return ipc.invoke(channel, ...args) as never;
    },

    on(channel, listener) {
      if (!hearable.has(channel)) {
        throw new Error(`gatehouse: ${String(channel)} is not an event of this window`);
      }
      if (typeof listener !== 'function') {
        throw new TypeError('gatehouse: the listener must be a function');
      }
      const forward = (_event: unknown, payload?: unknown): void => listener(payload as never);
      ipc.on(channel, forward);
      const id = nextId++;
      subscriptions.set(id, { channel, forward });
      return id as SubscriptionId;
    },

    off(subscription) {
      const found = subscriptions.get(subscription);
      if (found === undefined) return;
      subscriptions.delete(subscription);
      ipc.removeListener(found.channel, found.forward);
    },
  };
  return Object.freeze(bridge);
}
