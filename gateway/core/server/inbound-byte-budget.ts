/** A socket the budget can stop and restart reading from. */
export interface BudgetedReader {
  pauseForBudget(): void;
  resumeForBudget(): void;
  /** The length of the message its receiver is in the middle of now, 0 between messages. */
  bytesInProgress(): number;
  /** Closed, or its close decided: it will read no message to its end. */
  isClosed(): boolean;
  /** Its admitted message was not complete within the read deadline: close it. */
  readDeadlinePassed(deadlineMs: number): void;
}

/** Messages smaller than this never wait: a request without attachments, the whole pre-auth cap. */
export const UNBUDGETED_MESSAGE_BYTES = 65_536;

export interface InboundByteBudgetOptions {
  limitBytes: number;
  /** How long an admitted message may take to arrive in full. */
  readDeadlineMs: number;
  /** Called when a reader is paused and none was waiting before: once per episode of saturation. */
  onSaturated?: (state: { heldBytes: number; waitingBytes: number }) => void;
  /** Called when sweep() finds a reservation no event released: a bug, repaired. */
  onStaleReservation?: (bytes: number) => void;
  now?: () => number;
}

interface Admission {
  bytes: number;
  /** When reading it began, or resumed after a wait: time spent waiting is the gateway's doing. */
  sinceMs: number;
}

/**
 * How many bytes of large inbound messages the whole gateway reads at once. A message at the
 * operator limit costs about three times its size while it is read and parsed (its payload
 * assembled in one buffer as it arrives, see large-frame-assembly.ts; the decoded string; the
 * parsed value), and every socket reads at once: sixteen clients each sending 16 MiB would make
 * the gateway hold three quarters of a gigabyte. Past the
 * budget, a socket that starts another large message is paused (the kernel's receive window then
 * holds the client back) until the messages being read are done; a slow or hostile client thus
 * slows itself and whoever sends large frames after it, never a client of small requests.
 *
 * A reader reserves the whole message length once its frame header is read, so admitted messages
 * always fit, and one message larger than the budget is read alone rather than never.
 * Waiting readers are admitted in arrival order, so a large message is not starved by smaller ones.
 * An admitted message must be complete within the read deadline, or its socket is closed: a
 * client that declares a large frame and then trickles or stops holds budget only that long.
 *
 * Reservations end on events that always happen: the message is emitted, the receiver fails, the
 * socket closes (see SocketReading). sweep() runs the deadline and, as defence in depth only,
 * releases a reservation whose reader is closed or no longer in the middle of a large message.
 */
export class InboundByteBudget {
  readonly limitBytes: number;
  readonly readDeadlineMs: number;
  private readonly admitted = new Map<BudgetedReader, Admission>();
  private readonly waiting = new Map<BudgetedReader, number>();
  private heldBytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: InboundByteBudgetOptions) {
    this.limitBytes = options.limitBytes;
    this.readDeadlineMs = options.readDeadlineMs;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * The reader is in the middle of a message of `bytes` (0 when between messages). Returns false
   * when it was paused; it is resumed once the budget has room for it.
   */
  inProgress(reader: BudgetedReader, bytes: number): boolean {
    if (bytes < UNBUDGETED_MESSAGE_BYTES) {
      this.release(reader);
      return true;
    }
    const current = this.admitted.get(reader);
    if (current !== undefined) {
      // A fragmented message grows one fragment at a time; it keeps reading while it fits or is alone.
      this.heldBytes += bytes - current.bytes;
      current.bytes = bytes;
      if (this.heldBytes <= this.limitBytes || this.admitted.size === 1) return true;
      this.admitted.delete(reader);
      this.heldBytes -= bytes;
    } else if (this.waiting.has(reader)) {
      this.waiting.set(reader, bytes);
      return false;
    } else if (this.fits(bytes)) {
      this.admit(reader, bytes);
      return true;
    }
    this.park(reader, bytes);
    return false;
  }

  /** The reader's message is done, or its socket closed. */
  release(reader: BudgetedReader): void {
    const held = this.admitted.get(reader);
    // A waiter released (its message ended, or its socket is closing) reads on, or closes.
    if (this.waiting.delete(reader)) reader.resumeForBudget();
    if (held === undefined) return;
    this.admitted.delete(reader);
    this.heldBytes -= held.bytes;
    this.admitWaiting();
  }

  /** Closes readers past the read deadline; repairs reservations no event ended. Run every second or so. */
  sweep(): void {
    const now = this.now();
    for (const [reader, admission] of [...this.admitted]) {
      if (reader.isClosed() || reader.bytesInProgress() < UNBUDGETED_MESSAGE_BYTES) {
        this.options.onStaleReservation?.(admission.bytes);
        this.release(reader);
      } else if (now - admission.sinceMs > this.readDeadlineMs) {
        // Released first: the reader's close may wait for answers it owes, its message is void.
        this.release(reader);
        reader.readDeadlinePassed(this.readDeadlineMs);
      }
    }
    for (const reader of [...this.waiting.keys()]) {
      if (reader.isClosed()) this.release(reader);
    }
    this.admitWaiting();
  }

  /** For logs and tests. */
  state(): { heldBytes: number; admitted: number; waiting: number } {
    return { heldBytes: this.heldBytes, admitted: this.admitted.size, waiting: this.waiting.size };
  }

  private fits(bytes: number): boolean {
    return this.waiting.size === 0 && (this.admitted.size === 0 || this.heldBytes + bytes <= this.limitBytes);
  }

  private admit(reader: BudgetedReader, bytes: number): void {
    this.admitted.set(reader, { bytes, sinceMs: this.now() });
    this.heldBytes += bytes;
  }

  private park(reader: BudgetedReader, bytes: number): void {
    const first = this.waiting.size === 0;
    this.waiting.set(reader, bytes);
    reader.pauseForBudget();
    if (first) this.options.onSaturated?.({ heldBytes: this.heldBytes, waitingBytes: bytes });
    // Nothing admitted would mean nothing ever releases: let the oldest waiter read.
    if (this.admitted.size === 0) this.admitWaiting();
  }

  private admitWaiting(): void {
    for (const [reader, bytes] of this.waiting) {
      if (this.admitted.size > 0 && this.heldBytes + bytes > this.limitBytes) return;
      this.waiting.delete(reader);
      this.admit(reader, bytes);
      reader.resumeForBudget();
    }
  }
}
