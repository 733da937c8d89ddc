/**
 * When to restart a gateway that died, and when to give up (architecture §1): back off 1 s,
 * doubling, up to 30 s; give up after 5 *fast* failures in a row, a fast failure being a process
 * that died within `fastFailureMs` of its start. A process that ran longer than that proves the
 * setup works, so its death starts the count (and the backoff) afresh.
 */
export interface CrashPolicyOptions {
  initialDelayMs?: number;
  factor?: number;
  maxDelayMs?: number;
  fastFailureMs?: number;
  maxFastFailures?: number;
}

export type CrashDecision =
  | { kind: 'restart'; delayMs: number; fastFailures: number }
  | { kind: 'give-up'; fastFailures: number };

export class CrashPolicy {
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  readonly fastFailureMs: number;
  readonly maxFastFailures: number;
  #fastFailures = 0;
  #restarts = 0;

  constructor(options: CrashPolicyOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.factor = options.factor ?? 2;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.fastFailureMs = options.fastFailureMs ?? 10_000;
    this.maxFastFailures = options.maxFastFailures ?? 5;
  }

  get fastFailures(): number {
    return this.#fastFailures;
  }

  /** A process that started at `startedAt` died at `diedAt`: restart (after how long) or give up? */
  recordFailure(startedAt: number, diedAt: number): CrashDecision {
    const fast = diedAt - startedAt < this.fastFailureMs;
    if (fast) {
      this.#fastFailures += 1;
    } else {
      this.#fastFailures = 0;
      this.#restarts = 0;
    }
    if (this.#fastFailures >= this.maxFastFailures) return { kind: 'give-up', fastFailures: this.#fastFailures };
    const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * this.factor ** this.#restarts);
    this.#restarts += 1;
    return { kind: 'restart', delayMs, fastFailures: this.#fastFailures };
  }

  /** A person asked for a fresh start (Start, Restart, Retry). */
  reset(): void {
    this.#fastFailures = 0;
    this.#restarts = 0;
  }
}
