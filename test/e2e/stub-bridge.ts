/**
 * A stand-in for `window.gatehouse`, for the shell's panel test only: answers the contract's
 * channels from fixed values and lets the test push events. It runs inside the page (through
 * `page.addInitScript`), so it must stay self-contained: no imports used at runtime.
 * A test bridge that forwards to the real main-process services will replace it.
 */
import type { AppPlatform, GatehouseBridge, GatewayState, InvokeChannel } from '../../shared/ipc/contract.js';

export interface StubBridgeInit {
  version: string;
  platform: AppPlatform;
  state: GatewayState;
}

/** Name of the page global the test calls to emit an event: `(channel, payload) => void`. */
export const stubEmitGlobal = '__gatehouseStubEmit';

export function installStubBridge(init: StubBridgeInit): void {
  const listeners = new Map<number, { channel: string; listener: (payload: never) => void }>();
  let nextId = 1;

  const answers: Record<string, unknown> = {
    'app:getInfo': { version: init.version, platform: init.platform },
    'tray:getState': { state: init.state },
  };

  const bridge: GatehouseBridge = {
    invoke(channel: InvokeChannel, ..._args: unknown[]) {
      if (!(channel in answers)) return Promise.reject(new Error(`stub bridge: ${channel} is not a channel`));
      return Promise.resolve(answers[channel]) as never;
    },
    on(channel, listener) {
      const id = nextId++;
      listeners.set(id, { channel, listener: listener as (payload: never) => void });
      return id as never;
    },
    off(subscription) {
      listeners.delete(subscription);
    },
  };

  Object.defineProperty(globalThis, 'gatehouse', { value: Object.freeze(bridge) });
  Object.defineProperty(globalThis, '__gatehouseStubEmit', {
    value: (channel: string, payload: unknown) => {
      for (const entry of listeners.values()) {
        if (entry.channel === channel) entry.listener(payload as never);
      }
    },
  });
}
