/**
 * Everything a soak client saw that a well-behaved gateway never sends: frames that are not JSON
 * or fail the protocol's frame schema, events the gateway does not advertise, responses to no
 * request, gaps in an event sequence (an event dropped), and long-lived sockets the gateway closed.
 * Every one is a failure of the run; the first few are kept word for word.
 */
export type ProblemKind = 'malformed-frame' | 'unknown-event' | 'unmatched-response' | 'seq-gap' | 'unexpected-close';

const KEPT_MESSAGES = 20;

export class ProtocolProblems {
  readonly counts: Record<ProblemKind, number> = {
    'malformed-frame': 0,
    'unknown-event': 0,
    'unmatched-response': 0,
    'seq-gap': 0,
    'unexpected-close': 0,
  };
  readonly examples: string[] = [];

  constructor(private readonly clock: () => number) {}

  record(kind: ProblemKind, message: string): void {
    this.counts[kind] += 1;
    if (this.examples.length < KEPT_MESSAGES) this.examples.push(`${formatClock(this.clock())} ${kind}: ${message}`);
  }

  get total(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count, 0);
  }
}

/** Milliseconds since the traffic started as `m:ss`. */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
