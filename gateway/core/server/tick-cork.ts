import type { WebSocket } from 'ws';
import { rawSocketOf } from './raw-socket.js';

/** The net.Socket under a ws WebSocket, as far as corking goes. */
interface CorkableSocket {
  cork(): void;
  uncork(): void;
  readonly destroyed?: boolean;
}

/**
 * A frame held this soon after the previous write is part of a burst (see `hold`). Tokens of one
 * stream come milliseconds apart; the tokens of fifty streams arriving together come tens of
 * microseconds apart.
 */
const BURST_GAP_MS = 1;

/**
 * Frames sent in the same tick leave in one socket write: a streaming token produces an `agent`
 * and a `chat` event back to back, and fifty streams produce many more. `ws` exposes no cork of
 * its own, so the net.Socket underneath is corked directly.
 */
export class TickCork {
  /** The socket `hold` corked, until it is released. */
  private corked: CorkableSocket | undefined;
  /** `now()` at the last release. */
  private lastReleaseAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ws: WebSocket,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Corks the socket until the next tick (once per tick). In a burst — fifty streams' tokens read
   * in one pass of the event loop — the cork is held until that pass has read them all, so they
   * leave in one write: each socket write to a local client costs ~25 µs of kernel time (the
   * reader's side of loopback TCP runs in it), and at one write per token the last token of a
   * fifty-token burst waited for forty-nine of them. The first frame after a quiet gap still
   * leaves at the next tick.
   */
  hold(): void {
    if (this.corked) return;
    const socket: CorkableSocket | undefined = rawSocketOf(this.ws);
    if (!socket || socket.destroyed) return;
    this.corked = socket;
    socket.cork();
    if (this.now() - this.lastReleaseAt < BURST_GAP_MS) setImmediate(() => this.release());
    else process.nextTick(() => this.release());
  }

  /**
   * Writes what the cork holds now. A cork taken again after an explicit release is released by
   * the first of the pending turns (next tick or end of pass); one cork is never released twice.
   */
  release(): void {
    const socket = this.corked;
    if (!socket) return;
    this.corked = undefined;
    this.lastReleaseAt = this.now();
    if (!socket.destroyed) socket.uncork();
  }
}
