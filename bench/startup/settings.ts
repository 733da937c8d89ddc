import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** The brief's targets (issue 17), each against a yardstick measured in the same run. */
export const TARGETS = {
  /** gateway spawn → port accepting, as a multiple of a bare Node http server's. */
  listeningVsBare: 4,
  /** gateway spawn → first hello-ok, as a multiple of the bare server's spawn → port accepting. */
  helloVsBare: 5,
  /** `gatehouse gateway call health`, wall time as a multiple of `node -e 0`'s. */
  callVsNodeEval: 4,
  callPeakRssMiB: 60,
  idleRssMiB: 70,
} as const;

/** How many of each; every measurement alternates with its yardstick so both see the same machine. */
export const COUNTS = {
  serverStarts: 10,
  /** Starts with an empty compile cache: a first start after install or upgrade (no target). */
  coldCacheStarts: 3,
  cliCalls: 10,
  memoryRuns: 5,
} as const;

/**
 * Idle RSS is sampled from IDLE_SETTLE_MS to IDLE_SETTLE_MS + IDLE_SAMPLE_MS after the listening
 * line, once the start-up work is over: the heap trim (0.5 s) and the compile cache write (2 s).
 */
export const IDLE_SETTLE_MS = 3_000;
export const IDLE_SAMPLE_MS = 1_000;

/**
 * The command measured: `bin/gatehouse.js`, what `gatehouse …` runs. `--entry <file>` measures
 * another build instead (say a copy of an older dist/), beside the same yardsticks:
 * `npm run bench -- startup --entry /tmp/old/dist/gateway/cli/index.js`.
 */
export function cliEntry(argv: readonly string[] = process.argv): string {
  const flag = argv.findIndex((arg) => arg === '--entry' || arg.startsWith('--entry='));
  if (flag < 0) return resolve(REPO_ROOT, 'bin/gatehouse.js');
  const value = argv[flag]?.includes('=') ? argv[flag]?.split('=')[1] : argv[flag + 1];
  if (!value) throw new RangeError('startup: --entry needs the path of a gatehouse CLI entry');
  return resolve(value);
}
