import { prepared, transaction } from '../core/store/database.js';
import { writeDeferredRunStart, type DeferredRunStart, type RunStart } from './run-start-record.js';
import type { GatewayStore } from './store/gateway-store.js';

/** One run's deferred start writes, waiting for a commit. */
export interface PendingStart {
  readonly start: RunStart;
  readonly read: DeferredRunStart;
  /** Called once its writes are committed (the run's lifecycle `start` event); must not throw. */
  readonly committed: () => void;
  /** Called once its writes could not be committed, with the error; must not throw. */
  readonly failed: (error: unknown) => void;
}

/**
 * The deferred start writes of every run that has sent its model request and not yet written
 * its start (deferred-run-start.ts), committed together: whichever run needs its rows first (its
 * first output, or the start pacer's idle turn) commits those of all the others too. Fifty runs
 * started at once would otherwise make fifty WAL commits, ~0.1–0.17 ms each on a 2-core box
 * against ~0.02–0.05 ms per run in one, and the first tokens of the runs already streaming
 * arrive among them. Each run's writes are a savepoint of their own: one that fails is rolled
 * back and reported to that run alone, the others still commit.
 */
export class DeferredStartWrites {
  private pending: PendingStart[] = [];

  constructor(private readonly store: GatewayStore) {}

  /** Queues a run's writes; `commitAll` (or a later one) writes them. */
  add(entry: PendingStart): void {
    this.pending.push(entry);
  }

  /** Commits every waiting run's writes in one transaction, then tells each run how its writes went. */
  commitAll(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const { database } = this.store;
    const failures = new Map<PendingStart, unknown>();
    try {
      transaction(database, () => {
        for (const entry of batch) {
          prepared(database, 'SAVEPOINT deferred_run_start').run();
          try {
            writeDeferredRunStart(this.store, entry.start, entry.read);
          } catch (error) {
            prepared(database, 'ROLLBACK TO deferred_run_start').run();
            failures.set(entry, error);
          }
          prepared(database, 'RELEASE deferred_run_start').run();
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored.
      for (const entry of batch) if (!failures.has(entry)) failures.set(entry, error);
    }
    for (const entry of batch) {
      if (failures.has(entry)) entry.failed(failures.get(entry));
      else entry.committed();
    }
  }
}
