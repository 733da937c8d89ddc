import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file descriptor the probe reports on; the bench opens it as a pipe. */
export const PROBE_FD = 3;

/** What the probe reports about the process it ran in, as it exited. */
export interface ProbeReport {
  /** getrusage's ru_maxrss: the most resident memory the process ever had. */
  peakRssMiB: number;
  /** User + system CPU time of the whole process. */
  cpuMs: number;
}

/**
 * A CommonJS preload (`node -r <probe> …`): Node hands a child's peak RSS to nobody, and /proc is
 * gone by the time the bench hears of the exit, so the process reports it itself on its way out.
 * CommonJS, not an ES module: `--import` would start the ESM loader early, also in `node -e 0`.
 */
const PROBE_SOURCE = `'use strict';
// Written by bench/startup/peak-rss-probe.ts.
process.on('exit', () => {
  const usage = process.resourceUsage();
  try {
    require('node:fs').writeSync(${PROBE_FD}, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
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
