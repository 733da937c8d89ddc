/**
 * Builds `window.gatehouse` from ipcRenderer: the contract's channels, typed, and nothing else.
 *
 * - `invoke` only forwards channels listed in shared/ipc/channels.ts;
 * - `on` only subscribes to the contract's events and hands the listener the payload alone
 *   (never Electron's event object, whose `sender` is ipcRenderer itself);
 * - `off` takes the id `on` returned, since functions lose identity crossing the bridge.
 *
 * No Electron import here, so tests build the bridge around a fake ipcRenderer under Node.
 */
import { isEventChannel, isInvokeChannel } from '../shared/ipc/channels.js';
import type { EventChannel, GatehouseBridge, InvokeChannel, SubscriptionId } from '../shared/ipc/contract.js';

/** The part of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

interface Subscription {
  channel: EventChannel;
  forward: (event: unknown, ...args: unknown[]) => void;
}

export function createGatehouseBridge(ipc: IpcRendererPort): GatehouseBridge {
  const subscriptions = new Map<number, Subscription>();
  let nextId = 1;

  const bridge: GatehouseBridge = {
    invoke(channel: InvokeChannel, ...args: unknown[]) {
      if (!isInvokeChannel(channel)) {
        return Promise.reject(new Error(`gatehouse: ${String(channel)} is not a channel of this window`));
      }
      return ipc.invoke(channel, ...args) as never;
    },

    on(channel, listener) {
      if (!isEventChannel(channel)) {
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
