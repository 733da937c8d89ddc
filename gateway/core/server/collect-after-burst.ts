import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcOptions = { type: 'major'; execution: 'sync'; flavor?: 'regular' | 'last-resort' };
type GcFunction = (options?: GcOptions) => void;

/** Inbound frame bytes since the last collection that make a burst worth collecting after. */
export const BURST_BYTES = 32 * 1024 * 1024;
/** Fewer inbound bytes than this since the previous check means the burst is over. */
export const QUIET_BYTES = 1024 * 1024;
/** A message this large leaves garbage worth collecting as soon as it has been handled. */
export const LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Collections after large messages are at least this far apart: a stream of them costs the loop a bounded share. */
export const LARGE_MESSAGE_COLLECTION_SPACING_MS = 1_000;

export interface CollectAfterBurstOptions {
  /** Memory-reducing full collection, after a burst. */
  collect?: () => void;
  /** Full collection, after a large message. */
  collectAfterLarge?: () => void;
  /** Runs `work` once the message in hand has been handled and `delayMs` have passed. */
  schedule?: (work: () => void, delayMs: number) => void;
  now?: () => number;
}

/**
 * Collections that hand the garbage of inbound frames back before V8 would.
 *
 * After a large message: a message of N bytes costs about 4N while it is handled (ws's socket
 * chunks, their concatenation, the decoded string, the parsed value) and leaves all of it as
 * garbage, most of it memory outside V8's heap, which V8 collects only once some 64 MiB more of
 * it has piled up. 32 hostile 16 MiB frames (the fuzz's huge kinds), two sockets at a time, grew
 * the gateway's RSS by 112–173 MiB with 100–142 MiB still held 5 s later; with a full collection
 * after large messages (one per LARGE_MESSAGE_COLLECTION_SPACING_MS at most) by 95–141 MiB, and
 * 44–48 MiB 5 s later. A young-generation collection does not do it: it promotes whatever large
 * message is still being read, and the old generation then holds it until a full collection.
 *
 * After a burst: measured with 100,000 hostile frames over ~18,000 sockets, V8 held 60–90 MiB of
 * dead heap and 30–45 MiB of dead frame buffers afterwards, and an idle daemon allocates nothing,
 * so nothing collected them until V8's memory reducer ran 30–60 s later. One memory-reducing full
 * collection (35–100 ms, when nothing is arriving) took RSS from 255 to 162 MiB (idle 84); the
 * rest is freed memory glibc keeps (bench/README.md, "fuzz and hostile"). A burst is ≥ BURST_BYTES
 * between two quiet checks, so the occasional attachment never triggers it, and when something
 * does the pause falls in a lull.
 */
export class CollectAfterBurst {
  private sinceLull = 0;
  private sinceCheck = 0;
  private largeCollectionDue = false;
  private lastLargeCollectionAt = Number.NEGATIVE_INFINITY;
  private readonly collect: () => void;
  private readonly collectAfterLarge: () => void;
  private readonly schedule: (work: () => void, delayMs: number) => void;
  private readonly now: () => number;

  constructor(options: CollectAfterBurstOptions = {}) {
    this.collect = options.collect ?? memoryReducingCollection;
    this.collectAfterLarge = options.collectAfterLarge ?? fullCollection;
    this.schedule = options.schedule ?? runLater;
    this.now = options.now ?? (() => performance.now());
  }

  /** A message of `bytes` arrived; it is handled before anything this schedules runs. */
  received(bytes: number): void {
    this.sinceLull += bytes;
    this.sinceCheck += bytes;
    if (bytes < LARGE_MESSAGE_BYTES || this.largeCollectionDue) return;
    this.largeCollectionDue = true;
    const wait = Math.max(0, this.lastLargeCollectionAt + LARGE_MESSAGE_COLLECTION_SPACING_MS - this.now());
    this.schedule(() => {
      this.largeCollectionDue = false;
      this.lastLargeCollectionAt = this.now();
      this.collectAfterLarge();
    }, wait);
  }

  /** Called on a fixed period; collects when a burst happened and the last period was quiet. */
  check(): { collectedAfterBytes: number } | undefined {
    const quiet = this.sinceCheck < QUIET_BYTES;
    this.sinceCheck = 0;
    if (!quiet) return undefined;
    const burst = this.sinceLull;
    this.sinceLull = 0;
    if (burst < BURST_BYTES) return undefined;
    this.collect();
    return { collectedAfterBytes: burst };
  }
}

/** After the current message (setImmediate comes after its handling), or after a delay; neither keeps the process alive. */
function runLater(work: () => void, delayMs: number): void {
  if (delayMs <= 0) setImmediate(work).unref();
  else setTimeout(work, delayMs).unref();
}

let gcFunction: GcFunction | undefined;

/** The collector is reachable from script only with --expose-gc; a context created after the flag has it (as in startup-heap-trim.ts). */
function collector(): GcFunction {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as GcFunction;
  }
  return gcFunction;
}

function memoryReducingCollection(): void {
  try {
    collector()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    // Only memory is at stake.
  }
}

function fullCollection(): void {
  try {
    collector()({ type: 'major', execution: 'sync', flavor: 'regular' });
  } catch {
    // As above.
  }
}
