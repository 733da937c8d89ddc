/**
 * The IPC contract between the renderer (through a preload bridge) and the main process.
 *
 * One map of request/response channels, grouped by feature, and one map of events that main
 * pushes to windows. Channel names are `<feature>:<verb>`. Types only: this file is compiled
 * into main, preload and renderer alike, so it must never import Electron, Node or the DOM.
 * The runtime list of channel names lives in ./channels.ts and is checked against these maps.
 */
import type { GatewayState } from './gateway-state.js';

export type { GatewayState } from './gateway-state.js';

/** The platforms Electron reports through `process.platform`, spelled out so the renderer needs no Node types. */
export type AppPlatform =
  | 'aix'
  | 'android'
  | 'cygwin'
  | 'darwin'
  | 'freebsd'
  | 'haiku'
  | 'linux'
  | 'netbsd'
  | 'openbsd'
  | 'sunos'
  | 'win32';

export interface AppInfo {
  /** The companion's version (package.json `version`). */
  version: string;
  platform: AppPlatform;
}

export interface GatewayStatePayload {
  state: GatewayState;
}

/** Request/response channels: `window.gatehouse.invoke(channel, request?) → Promise<response>`. */
export interface InvokeContract {
  // ── app: facts about the running companion ──────────────────────────────────────────
  'app:getInfo': { request: void; response: AppInfo };

  // ── tray: the gateway state the tray icon shows ─────────────────────────────────────
  /** The current state, so a window that opens late does not wait for the next `tray:state`. */
  'tray:getState': { request: void; response: GatewayStatePayload };
}

/** Events main pushes to windows: `window.gatehouse.on(channel, listener)`. */
export interface EventContract {
  // ── tray ─────────────────────────────────────────────────────────────────────────────
  'tray:state': GatewayStatePayload;
}

export type InvokeChannel = keyof InvokeContract;
export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];
/** Channels whose request is `void` take no argument at all. */
export type InvokeArgs<C extends InvokeChannel> = [InvokeRequest<C>] extends [void] ? [] : [request: InvokeRequest<C>];

export type EventChannel = keyof EventContract;
export type EventPayload<E extends EventChannel> = EventContract[E];

/**
 * A handle returned by `on`, passed back to `off`. A number rather than the listener itself:
 * functions lose their identity when they cross the context bridge, so `off(listener)` could
 * never find the listener again (electron/electron#33328).
 */
export type SubscriptionId = number & { readonly __subscription: unique symbol };

/** What the preload exposes as `window.gatehouse`: the contract's channels and nothing else. */
export interface GatehouseBridge {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResponse<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): SubscriptionId;
  off(subscription: SubscriptionId): void;
}
