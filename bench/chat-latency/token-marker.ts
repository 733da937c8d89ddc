/**
 * The send-time marker the provider stand-in embeds in every token, and the parsing both readers
 * (the gateway's operator and the direct SSE reader) share.
 *
 * The clock is `performance.timeOrigin + performance.now()` in milliseconds with µs decimals: a
 * wall-clock-like value that is monotonic within a process and comparable between processes on
 * the same machine. The bench runs the provider in its own process, so both ends read one clock.
 */

/** Milliseconds since the epoch, µs resolution. */
export function clockNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The same clock for a `performance.now()` stamp taken earlier (e.g. BenchClient's receivedAt). */
export function clockAt(performanceNow: number): number {
  return performance.timeOrigin + performanceNow;
}

/**
 * `tok ⟦i=<index>;t=<send time>⟧ `: no quote or backslash, so JSON carries it verbatim. The
 * stream's first token also carries `;r=<time the provider received the request>`, so a reader can
 * tell its own delay to the provider from the provider's wait before the first token.
 */
export function tokenContent(index: number, sentAt: number, requestReceivedAt?: number): string {
  const received = requestReceivedAt === undefined ? '' : `;r=${requestReceivedAt.toFixed(3)}`;
  return `tok ⟦i=${index};t=${sentAt.toFixed(3)}${received}⟧ `;
}

const MARKER = /⟦i=(\d+);t=(\d+(?:\.\d+)?)(?:;r=(\d+(?:\.\d+)?))?⟧/g;

/** Calls `found` for every marker in `text` (a delta may carry several if a reader coalesced them). */
export function forEachMarker(text: string, found: (index: number, sentAt: number, requestReceivedAt: number | undefined) => void): number {
  let count = 0;
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match !== null; match = MARKER.exec(text)) {
    found(Number(match[1]), Number(match[2]), match[3] === undefined ? undefined : Number(match[3]));
    count += 1;
  }
  return count;
}

/**
 * Per-stream bookkeeping for one measured batch: every marker becomes a latency sample
 * (receive − send); indices show what went missing or arrived twice.
 */
export class TokenLedger {
  readonly latencies: number[] = [];
  duplicates = 0;
  private readonly seen: Uint8Array;
  count = 0;
  firstAt = Number.NaN;
  lastAt = Number.NaN;
  /**
   * How long the provider held the stream's first token after receiving the request (its first
   * token delay, rounded up to its token grid); NaN until the first token, with its `r=`, is in.
   */
  providerFirstTokenWaitMs = Number.NaN;

  constructor(readonly expected: number) {
    this.seen = new Uint8Array(expected);
  }

  /** Records every marker in `text`, received at `receivedAt` (clockNow() scale). */
  record(text: string, receivedAt: number): void {
    forEachMarker(text, (index, sentAt, requestReceivedAt) => {
      if (index >= this.expected || this.seen[index] === 1) {
        this.duplicates += 1;
        return;
      }
      this.seen[index] = 1;
      this.count += 1;
      if (index === 0 && requestReceivedAt !== undefined) this.providerFirstTokenWaitMs = sentAt - requestReceivedAt;
      if (this.count === 1) this.firstAt = receivedAt;
      this.lastAt = receivedAt;
      this.latencies.push(receivedAt - sentAt);
    });
  }

  get complete(): boolean {
    return this.count === this.expected;
  }
}
