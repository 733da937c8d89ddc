import { IDEMPOTENCY_MAX_ENTRIES, IDEMPOTENCY_SWEEP_MS, IDEMPOTENCY_TTL_MS } from '../../../shared/protocol/limits.js';
import type { ErrorShape } from '../../../shared/protocol/error-codes.js';

export interface StoredOutcome {
  ok: boolean;
  payload?: unknown;
  error?: ErrorShape;
}

interface Entry {
  ts: number;
  outcome?: StoredOutcome;
  waiters: ((outcome: StoredOutcome) => void)[];
}

/**
 * Spec §12: remembers side-effect calls by key for 5 minutes (max 1,000, oldest first), never
 * evicting one that is still running. In memory only, by design.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.timer = setInterval(() => this.sweep(), IDEMPOTENCY_SWEEP_MS);
    this.timer.unref();
  }

  /** Returns the existing entry state for a key, or claims the key for a new call. */
  claim(key: string): { kind: 'new' } | { kind: 'running'; wait: Promise<StoredOutcome> } | { kind: 'done'; outcome: StoredOutcome } {
    const existing = this.entries.get(key);
    if (existing && this.now() - existing.ts < IDEMPOTENCY_TTL_MS) {
      if (existing.outcome) return { kind: 'done', outcome: existing.outcome };
      return { kind: 'running', wait: new Promise((resolve) => existing.waiters.push(resolve)) };
    }
    this.entries.set(key, { ts: this.now(), waiters: [] });
    this.evictOverflow();
    return { kind: 'new' };
  }

  complete(key: string, outcome: StoredOutcome): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.outcome = outcome;
    entry.ts = this.now();
    for (const waiter of entry.waiters.splice(0)) waiter(outcome);
  }

  /** Answers the waiters but keeps nothing: the next duplicate asks the handler again. */
  release(key: string, outcome: StoredOutcome): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const waiter of entry.waiters.splice(0)) waiter(outcome);
  }

  get size(): number {
    return this.entries.size;
  }

  sweep(): void {
    const cutoff = this.now() - IDEMPOTENCY_TTL_MS;
    for (const [key, entry] of this.entries) {
      if (entry.outcome && entry.ts < cutoff) this.entries.delete(key);
    }
  }

  private evictOverflow(): void {
    if (this.entries.size <= IDEMPOTENCY_MAX_ENTRIES) return;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= IDEMPOTENCY_MAX_ENTRIES) break;
      if (entry.outcome) this.entries.delete(key);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
