import { readFileSync } from 'node:fs';

/** Bytes in a mebibyte: every bench reports memory in MiB. */
export const MIB = 1024 * 1024;
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux build. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** Resident set size of a process from /proc/<pid>/status (VmRSS), in MiB; undefined once it is gone. */
export function readRssMiB(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? (Number(match[1]) * 1024) / MIB : undefined;
}

/** User + system CPU time the process has used so far, in seconds (from /proc/<pid>/stat). */
export function readCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / CLOCK_TICKS_PER_SECOND : undefined;
}

export interface RssSummary {
  samples: number;
  peakMiB: number;
  meanMiB: number;
}

/** Samples a process's RSS on a fixed period until stopped; the timer is released by stop(). */
export class RssSampler {
  private readonly values: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    return this;
  }

  stop(): RssSummary {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    const sum = this.values.reduce((total, value) => total + value, 0);
    return {
      samples: this.values.length,
      peakMiB: this.values.length > 0 ? Math.max(...this.values) : Number.NaN,
      meanMiB: this.values.length > 0 ? sum / this.values.length : Number.NaN,
    };
  }

  private sample(): void {
    const value = readRssMiB(this.pid);
    if (value !== undefined) this.values.push(value);
  }
}

/** CPU seconds used by this process plus its reaped children (the servers it spawned and stopped). */
let unreapedBenchCpuSeconds = 0;

/** CPU the bench's own processes used outside reaped-children accounting (Chromium's helpers: bench/ui/browser-cpu.ts). */
export function addUnreapedBenchCpuSeconds(seconds: number): void {
  unreapedBenchCpuSeconds += seconds;
}

export function readOwnCpuSecondsWithChildren(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  // utime stime cutime cstime are fields 14–17, i.e. 11–14 after the command name.
  const total = (fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0);
  return total / CLOCK_TICKS_PER_SECOND + unreapedBenchCpuSeconds;
}
