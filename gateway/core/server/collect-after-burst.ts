import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** Inbound frame bytes since the last collection that make a burst worth collecting after. */
export const BURST_BYTES = 32 * 1024 * 1024;
/** Fewer inbound bytes than this since the previous check means the burst is over. */
export const QUIET_BYTES = 1024 * 1024;

/**
 * One memory-reducing full collection once a burst of inbound frames is over. Measured with
 * 100,000 hostile frames over ~18,000 sockets: afterwards V8 held 60–90 MiB of dead heap and
 * 30–45 MiB of dead frame buffers, and an idle daemon allocates nothing, so nothing collected them
 * until V8's memory reducer ran 30–60 s later. This collection (35–100 ms, when nothing is
 * arriving) took RSS from 255 to 162 MiB (idle 84); the rest is freed memory glibc keeps
 * (bench/README.md, "fuzz and hostile"). A burst is ≥ BURST_BYTES between two quiet checks, so
 * the occasional attachment never triggers it, and when something does the pause falls in a lull.
 */
export class CollectAfterBurst {
  private sinceLull = 0;
  private sinceCheck = 0;

  constructor(private readonly collect: () => void = memoryReducingCollection) {}

  received(bytes: number): void {
    this.sinceLull += bytes;
    this.sinceCheck += bytes;
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

/** The collector is reachable from script only with --expose-gc; a context created after the flag has it (as in startup-heap-trim.ts). */
function memoryReducingCollection(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as GcFunction)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    // Only memory is at stake.
  }
}
