import { readFileSync } from 'node:fs';
import { CLOCK_TICKS_PER_SECOND, readOwnCpuSecondsWithChildren } from './process-stats.js';

/** CPU seconds of the whole machine, all cores, from the first line of /proc/stat. */
export interface MachineCpuSeconds {
  /** Spent running something: user, nice, system, irq, softirq (guest time is already inside user/nice). */
  busy: number;
  /** Spent waiting for the hypervisor, which ran something else while this machine had work to run. */
  steal: number;
}

export function parseMachineCpuSeconds(procStat: string): MachineCpuSeconds | undefined {
  const line = procStat.split('\n')[0] ?? '';
  if (!line.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq steal guest guest_nice
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: (user + nice + system + irq + softirq) / CLOCK_TICKS_PER_SECOND, steal: steal / CLOCK_TICKS_PER_SECOND };
}

export function readMachineCpuSeconds(): MachineCpuSeconds | undefined {
  try {
    return parseMachineCpuSeconds(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

export interface BackgroundLoad {
  /** Average cores used by every process that is not the bench or one of its children. */
  otherProcessesCores: number;
  /** Average cores used by the bench and its children (the servers it measures). */
  benchCores: number;
  /**
   * Of the CPU time this machine's processes were ready to use, the share the host withheld
   * (steal / (busy + steal)). On a virtual machine whose host is busy, that is the noise no
   * process list shows: on a 2-core VM a chat-latency run that printed "0 of 2 cores" for other
   * processes had 37% of its CPU time withheld, and its 50-session rounds in the seconds of heaviest
   * steal had token p99s of 12–34 ms instead of 2–4.
   */
  hostStealShare: number;
}

/** The load between two readings `elapsedS` apart, given the bench's own CPU seconds in that time. */
export function backgroundLoadBetween(start: MachineCpuSeconds, end: MachineCpuSeconds, ownCpuS: number, elapsedS: number): BackgroundLoad {
  const busy = end.busy - start.busy;
  const steal = end.steal - start.steal;
  return {
    otherProcessesCores: Math.max(0, (busy - ownCpuS) / elapsedS),
    benchCores: ownCpuS / elapsedS,
    hostStealShare: busy + steal > 0 ? Math.max(0, steal) / (busy + steal) : 0,
  };
}

/**
 * How much CPU others took while a suite ran: other processes on the machine, and the host under
 * a virtual machine. Either makes absolute numbers (and sometimes ratios) unreliable, so the run
 * says how noisy it was.
 */
export class BackgroundLoadMeter {
  private readonly startedAt = performance.now();
  private readonly machineStart = readMachineCpuSeconds();
  private readonly ownStart = readOwnCpuSecondsWithChildren();

  /** Undefined off Linux. */
  stop(): BackgroundLoad | undefined {
    const machineEnd = readMachineCpuSeconds();
    const ownEnd = readOwnCpuSecondsWithChildren();
    if (this.machineStart === undefined || this.ownStart === undefined || machineEnd === undefined || ownEnd === undefined) return undefined;
    return backgroundLoadBetween(this.machineStart, machineEnd, ownEnd - this.ownStart, (performance.now() - this.startedAt) / 1_000);
  }
}
