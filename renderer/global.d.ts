import type { GatehouseBridge } from '../shared/ipc/contract';

declare global {
  interface Window {
    /**
     * Exposed by the window's preload (preload/<kind>.ts), answering only that kind of window's
     * channels (shared/ipc/window-channels.ts); absent in a plain browser tab.
     */
    readonly gatehouse: GatehouseBridge | undefined;
  }
}

export {};
