import { transaction, type Database } from '../../core/store/database.js';
import type { RunRecord, RunsRepository } from './runs-repository.js';

interface PendingInsert {
  row: RunRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Inserts of accepted runs, committed together: every row added in the same tick goes into one
 * transaction, run in a microtask once that tick's synchronous work is done. Fifty `chat.send`
 * frames read from one socket are handled one after another in one go; one WAL commit for all of
 * them instead of fifty lets their model requests go out sooner. The transaction runs when no
 * other can be open (transaction() is synchronous), so it never nests in someone else's.
 */
export class BatchedRunInserts {
  private pending: PendingInsert[] | undefined;

  constructor(
    private readonly database: Database,
    private readonly runs: RunsRepository,
  ) {}

  /** Resolves once `row` is committed; rejects with the commit's error (nothing of the batch is stored then). */
  add(row: RunRecord): Promise<void> {
    let batch = this.pending;
    if (!batch) {
      const opened: PendingInsert[] = [];
      batch = opened;
      this.pending = opened;
      queueMicrotask(() => this.commit(opened));
    }
    const added = batch;
    return new Promise<void>((resolve, reject) => added.push({ row, resolve, reject }));
  }

  private commit(batch: PendingInsert[]): void {
    this.pending = undefined;
    try {
      transaction(this.database, () => {
        for (const { row } of batch) this.runs.insert(row);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
      return;
    }
    for (const entry of batch) entry.resolve();
  }
}
