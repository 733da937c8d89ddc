import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file descriptor the probe reports on; the bench opens it as a pipe. */
export const PROBE_FD = 3;

/** What the probe reports about the process it ran in, as it exited. */
export interface ProbeReport {
  /** The most resident memory the process had since it started its program (see PROBE_SOURCE). */
  peakRssMiB: number;
  /** User + system CPU time of the whole process. */
  cpuMs: number;
}

/**
 * A CommonJS preload (`node -r <probe> …`): Node hands a child's peak RSS to nobody, and /proc is
 * gone by the time the bench hears of the exit, so the process reports it itself on its way out.
 * CommonJS, not an ES module: `--import` would start the ESM loader early, also in `node -e 0`.
 *
 * On Linux the peak is /proc/self/status's VmHWM, not getrusage's ru_maxrss: Linux carries
 * ru_maxrss over from the copy of the parent a spawn forks before it runs Node, so after the
 * suites that grow the bench process (hostile, say) every child — `node -e 0` included — reported
 * the bench's own size (77 MiB in a full `npm run bench`). VmHWM belongs to the program's memory.
 */
const PROBE_SOURCE = `'use strict';
// Written by bench/startup/peak-rss-probe.ts.
process.on('exit', () => {
  const usage = process.resourceUsage();
  let maxRssKiB = usage.maxRSS;
  try {
    const hwm = /^VmHWM:\\s+(\\d+) kB$/m.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    if (hwm) maxRssKiB = Number(hwm[1]);
  } catch {}
  try {
    require('node:fs').writeSync(${PROBE_FD}, JSON.stringify({ maxRssKiB, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
  } catch {}
});
`;

/** Writes the probe into `dir` and returns its path. */
export function writePeakRssProbe(dir: string): string {
  const file = join(dir, 'peak-rss-probe.cjs');
  writeFileSync(file, PROBE_SOURCE);
  return file;
}

export function parseProbeReport(text: string): ProbeReport | undefined {
  try {
    const raw = JSON.parse(text) as { maxRssKiB?: unknown; cpuUs?: unknown };
    if (typeof raw.maxRssKiB !== 'number' || typeof raw.cpuUs !== 'number') return undefined;
    return { peakRssMiB: raw.maxRssKiB / 1024, cpuMs: raw.cpuUs / 1_000 };
  } catch {
    return undefined;
  }
}
