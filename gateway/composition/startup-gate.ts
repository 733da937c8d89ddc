import { afterCheckPhases } from '../core/runtime/check-phases.js';

/** Turns of the event loop that accept a waiting connection and read its request (separate polls). */
const LOOP_TURNS_TO_READ_A_REQUEST = 3;

/**
 * What connections are served with once it is built: the gateway opens its port first and builds
 * the rest (store, process services, features and their methods) while the first clients dial.
 * The listener holds every upgrade and HTTP request back until `pending()` settles, so no client
 * is ever served by a half-built gateway.
 *
 * It also notes the WebSocket clients that dialled during the start: the first of them gets its
 * hello-ok before the gateway's background work (the features' start) runs (see
 * firstHandshakeAnswered).
 */
export class StartupGate<T> {
  private parts: T | undefined;
  private waiting: Promise<void> | undefined;
  private open: () => void = () => undefined;
  private refuse: (error: unknown) => void = () => undefined;
  private dialledDuringStart = 0;
  private noting = true;
  private answered = false;
  private firstAnswered: (() => void) | undefined;

  constructor() {
    this.waiting = new Promise<void>((resolve, reject) => {
      this.open = resolve;
      this.refuse = reject;
    });
    // A start that failed is reported by whoever started it; the listener only drops what it held.
    this.waiting.catch(() => undefined);
  }

  /**
   * Settles once the parts are built (rejects if they could not be); undefined from then on if
   * built. Notes a WebSocket upgrade until firstHandshakeAnswered() is over: that client dialled
   * during the start.
   */
  pending(kind: 'upgrade' | 'request'): Promise<void> | undefined {
    if (this.noting && kind === 'upgrade') this.dialledDuringStart += 1;
    return this.waiting;
  }

  /** A client got its hello-ok. */
  handshakeAnswered(): void {
    this.answered = true;
    this.firstAnswered?.();
  }

  /**
   * Once the parts are built: lets the event loop take in what arrived meanwhile (start-up runs
   * without returning to it, so a client that dialled is not even read yet), then, if a client
   * dialled, resolves with the first hello-ok or after `capMs` (a client may never finish its
   * handshake). The first, not all: that client's requests must not run before the features start.
   */
  async firstHandshakeAnswered(capMs: number): Promise<void> {
    await afterCheckPhases(LOOP_TURNS_TO_READ_A_REQUEST);
    if (this.dialledDuringStart > 0 && !this.answered) {
      await new Promise<void>((resolve) => {
        const cap = setTimeout(done, capMs);
        function done(): void {
          clearTimeout(cap);
          resolve();
        }
        this.firstAnswered = done;
      });
    }
    this.noting = false;
    this.firstAnswered = undefined;
  }

  ready(parts: T): void {
    this.parts = parts;
    this.waiting = undefined;
    this.open();
  }

  failed(error: unknown): void {
    this.refuse(error);
  }

  /** The parts; only the held connections' handlers ask, and they run once the gate is open. */
  get(): T {
    if (this.parts === undefined) throw new Error('the gateway is still starting');
    return this.parts;
  }
}
