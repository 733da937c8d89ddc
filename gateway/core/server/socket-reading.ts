import type WebSocket from 'ws';
import { UNBUDGETED_MESSAGE_BYTES, type BudgetedReader, type InboundByteBudget } from './inbound-byte-budget.js';
import { messageBytesInProgress } from './receiver-progress.js';
import { rawSocketOf } from './raw-socket.js';

/** What a connection tells the reading of its socket. */
export interface SocketReadingOwner {
  /** False once the connection is closed or its close decided: it will read no message to its end. */
  reading(): boolean;
  /** Bytes came from the peer. */
  bytesArrived(): void;
  readDeadlinePassed(deadlineMs: number): void;
}

/**
 * Whether one connection's socket is read, and its share of the inbound byte budget. Reading is
 * paused for two reasons that must not undo each other: the budget has no room for the large
 * message this socket started, or a close waits for the answers the client is owed.
 *
 * A reservation starts when a socket 'data' event shows a large frame header (the only moment it
 * can be seen), and ends on events that always happen: the message is emitted (release), the
 * receiver fails or the close is decided (stopForClose), the connection closes (readToClose).
 */
export class SocketReading implements BudgetedReader {
  private pausedForBudget = false;
  private pausedForClose = false;
  /** The connection closed: the socket reads on to its end, whatever happens to the budget. */
  private closing = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly budget: InboundByteBudget,
    private readonly owner: SocketReadingOwner,
  ) {
    // Runs after ws's own 'data' listener (added when the upgrade completed), so the receiver
    // has already taken the chunk in and knows the length of the message it is in the middle of.
    rawSocketOf(ws)?.on('data', () => this.onSocketData());
  }

  /** Paused for the budget: the gateway, not the peer, stopped reading; pongs wait unread. */
  get waitingForBudget(): boolean {
    return this.pausedForBudget;
  }

  /** The message being read was emitted, or never will be: what it reserved is free at once. */
  release(): void {
    this.budget.release(this);
  }

  /** The close is decided (it may wait for owed answers): read nothing more, hold no budget. */
  stopForClose(): void {
    this.budget.release(this);
    this.pausedForClose = true;
    this.apply();
  }

  /** The close frame is being sent: hold no budget, and read on so the peer's answering close frame is seen. */
  readToClose(): void {
    this.budget.release(this);
    this.closing = true;
    if (this.ws.isPaused) this.ws.resume();
  }

  pauseForBudget(): void {
    this.pausedForBudget = true;
    this.apply();
  }

  resumeForBudget(): void {
    this.pausedForBudget = false;
    this.apply();
  }

  bytesInProgress(): number {
    return messageBytesInProgress(this.ws);
  }

  isClosed(): boolean {
    return !this.owner.reading();
  }

  readDeadlinePassed(deadlineMs: number): void {
    this.owner.readDeadlinePassed(deadlineMs);
  }

  private onSocketData(): void {
    if (!this.owner.reading()) {
      this.budget.release(this);
      return;
    }
    const inProgress = this.bytesInProgress();
    // Bytes of a large message prove the peer is there: its pong is read only after the message,
    // and the read deadline bounds how long that may take. A small frame's bytes do not: a peer
    // trickling one stays subject to the pong check (a slow-loris socket is still dropped).
    if (inProgress >= UNBUDGETED_MESSAGE_BYTES) this.owner.bytesArrived();
    this.budget.inProgress(this, inProgress);
  }

  private apply(): void {
    if (this.closing) return;
    const wanted = this.pausedForBudget || this.pausedForClose;
    if (wanted && !this.ws.isPaused) this.ws.pause();
    else if (!wanted && this.ws.isPaused) this.ws.resume();
  }
}
