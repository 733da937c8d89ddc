import type { WebSocket } from 'ws';

/** The net.Socket under a ws WebSocket, as far as corking goes. */
interface CorkableSocket {
  cork(): void;
  uncork(): void;
  readonly destroyed?: boolean;
}

/**
 * Frames sent in the same tick leave in one socket write: a streaming token produces an `agent`
 * and a `chat` event back to back, and fifty streams produce many more. `ws` exposes no cork of
 * its own, so the net.Socket underneath is corked directly.
 */
export class TickCork {
  /** The socket `hold` corked, until it is released. */
  private corked: CorkableSocket | undefined;

  constructor(private readonly ws: WebSocket) {}

  /** Corks the socket until the next tick (once per tick). */
  hold(): void {
    if (this.corked) return;
    const socket = (this.ws as unknown as { _socket?: CorkableSocket })._socket;
    if (!socket || socket.destroyed) return;
    this.corked = socket;
    socket.cork();
    process.nextTick(() => this.release());
  }

  /**
   * Writes what the cork holds now. A cork taken again in the same tick is released by the first
   * of the pending next-tick turns; one cork is never released twice.
   */
  release(): void {
    const socket = this.corked;
    if (!socket) return;
    this.corked = undefined;
    if (!socket.destroyed) socket.uncork();
  }
}
