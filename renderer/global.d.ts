import type { GatehouseBridge } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the window's preload (preload/panel.ts); absent in a plain browser tab. */
    readonly gatehouse: GatehouseBridge | undefined;
  }
}

export {};
