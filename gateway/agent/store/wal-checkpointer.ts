import { Worker } from 'node:worker_threads';
import type { Database } from '../../core/store/database.js';

/** How often the worker copies new WAL frames into the database file. */
const CHECKPOINT_INTERVAL_MS = 1_000;

/** Longest close() waits for the worker to close its connection (a checkpoint in progress finishes first). */
const STOP_WAIT_MS = 2_000;

/**
 * WAL pages after which a commit on the event loop checkpoints after all: a backstop for a
 * worker that died or falls behind (SQLite's default is 1,000).
 */
const BACKSTOP_PAGES = 20_000;

/**
 * The worker, as source: its own connection to the same file, a PASSIVE checkpoint (never waits
 * for or blocks the gateway's readers and writers) each interval; on "stop" it closes the
 * connection and then flips workerData.closed, which the stopping thread waits on.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// The CLI silences node:sqlite's experimental warning on the main thread; a worker has its own process.emitWarning.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (/SQLite/i.test(String(warning && warning.message !== undefined ? warning.message : warning))) return;
  emitWarning(warning, ...rest);
};
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the commit that takes the WAL
 * past 1,000 pages copies them into the database file and fsyncs it, inside that commit: 3–5 ms of
 * blocked event loop on this machine, once every ~30 agent runs, and every token of every
 * streaming run waits behind it. A worker thread with its own connection does that copy instead;
 * commits on the event loop only append to the WAL. Durability is unchanged (a commit is in the
 * WAL before it returns, as before). Started with the first agent run, so an idle gateway carries
 * no extra thread.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private stopped = false;
  private failed = false;
  /** Set to 1 by the worker once its connection is closed. */
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly db: Database,
    private readonly file: string,
  ) {}

  /** Idempotent; after stop() it does nothing. `onFailure` hears of a worker that died. */
  start(onFailure: (error: unknown) => void): void {
    if (this.worker || this.stopped) return;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, intervalMs: CHECKPOINT_INTERVAL_MS, closed: this.closed } });
    worker.unref();
    worker.on('error', (error) => {
      this.failed = true;
      // Back to checkpoints in the committing call: slower, never an unbounded WAL.
      if (this.db.isOpen) this.db.exec('PRAGMA wal_autocheckpoint = 1000');
      onFailure(error);
    });
    this.db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    this.worker = worker;
  }

  /**
   * Synchronous, so the store's own close stays the last one: that close checkpoints and removes
   * the WAL, and a store opened on the same file right after (an in-process restart) never finds
   * the worker's connection still holding it.
   */
  stop(): void {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker || this.failed) return;
    worker.postMessage('stop');
    Atomics.wait(this.closed, 0, 0, STOP_WAIT_MS);
  }
}
