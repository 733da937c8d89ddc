/**
 * The gateway state the app shows, with change notification. The shell only ever holds
 * `stopped`; the gateway supervisor (a later step) becomes the one writer, and the tray and
 * windows stay readers.
 */
import type { GatewayState } from '../../shared/ipc/gateway-state.js';

export type GatewayStateListener = (state: GatewayState) => void;

export class GatewayStateStore {
  #state: GatewayState;
  readonly #listeners = new Set<GatewayStateListener>();

  constructor(initial: GatewayState) {
    this.#state = initial;
  }

  get(): GatewayState {
    return this.#state;
  }

  set(state: GatewayState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: GatewayStateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
