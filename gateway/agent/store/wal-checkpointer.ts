import { Worker } from 'node:worker_threads';
import type { Database } from '../../core/store/database.js';

export interface WalCheckpointSchedule {
  /** How often the worker looks at the WAL (ms). */
  intervalMs: number;
  /** Frames waiting in the WAL that start a checkpoint (SQLite's own autocheckpoint default). */
  checkpointFrames: number;
  /** Longest a frame waits for its checkpoint when fewer than `checkpointFrames` come (ms). */
  maxDelayMs: number;
}

/**
 * A checkpoint that copies the whole WAL back makes the next commit start the WAL over, and that
 * commit fsyncs the new WAL header on the event loop. Checkpointing every second did that to the
 * first write after every pause: the inbox write of each channel message at 1 msg/s, the chat.send
 * insert of a conversation's next turn (0.6–4.5 ms, once per message, in strace). Checkpoints now
 * come when SQLite's own threshold of waiting frames is reached, or a minute after a write.
 */
const DEFAULT_SCHEDULE: WalCheckpointSchedule = { intervalMs: 1_000, checkpointFrames: 1_000, maxDelayMs: 60_000 };

/** Longest close() waits for the worker to close its connection (a checkpoint in progress finishes first). */
const STOP_WAIT_MS = 2_000;

/**
 * WAL pages after which a commit on the event loop checkpoints after all: a backstop for a
 * worker that died or falls behind (SQLite's default is 1,000).
 */
const BACKSTOP_PAGES = 20_000;

/**
 * The worker, as source: its own connection to the same file and, when the schedule says so, a
 * PASSIVE checkpoint (never waits for or blocks the gateway's readers and writers); on "stop" it
 * closes the connection and then flips workerData.closed, which the stopping thread waits on.
 * How many frames wait is read from the WAL-index header in the -shm file (sqlite.org/walformat.html
 * §2.1, native byte order): mxFrame, the WAL's last valid frame, at byte 16; nBackfill, how many
 * of them the database file already holds, at byte 96. A read that fails or races a writer only
 * moves one checkpoint; with no -shm to read, it checkpoints every interval.
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
const { closeSync, openSync, readSync } = require('node:fs');
const littleEndian = require('node:os').endianness() === 'LE';
const header = Buffer.alloc(100);
const u32 = (at) => (littleEndian ? header.readUInt32LE(at) : header.readUInt32BE(at));
let shm;
const framesWaiting = () => {
  try {
    if (shm === undefined) shm = openSync(workerData.file + '-shm', 'r');
    if (readSync(shm, header, 0, 100, 0) < 100) return undefined;
    return u32(16) - u32(96);
  } catch {
    return undefined;
  }
};
const { checkpointFrames, maxDelayMs } = workerData.schedule;
let waitingSince;
const timer = setInterval(() => {
  const waiting = framesWaiting();
  if (waiting !== undefined && waiting <= 0) {
    waitingSince = undefined;
    return;
  }
  const now = Date.now();
  if (waitingSince === undefined) waitingSince = now;
  if (waiting !== undefined && waiting < checkpointFrames && now - waitingSince < maxDelayMs) return;
  checkpoint.get();
  waitingSince = undefined;
}, workerData.schedule.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  if (shm !== undefined) closeSync(shm);
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
    private readonly schedule: WalCheckpointSchedule = DEFAULT_SCHEDULE,
  ) {}

  /** Idempotent; after stop() it does nothing. `onFailure` hears of a worker that died. */
  start(onFailure: (error: unknown) => void): void {
    if (this.worker || this.stopped) return;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, schedule: this.schedule, closed: this.closed } });
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
