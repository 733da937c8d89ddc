import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Where the bench and its servers run. A request/response between two processes costs ~35 µs
 * when the scheduler puts them on one core and ~100 µs across two, and it decides afresh for
 * every server: the gateway and the ceiling, measured one after the other, could land
 * differently and swing a ratio that should be about 1 by 3× either way. With `taskset` (Linux,
 * two cores or more) the bench keeps the first CPU and every server it starts gets the second, so
 * every pair is measured the same way, across cores. Used by the gateway-core suite; the
 * chat-latency suite leaves the gateway free to use every core, as it would in use (pinned, its
 * garbage collector shares one core with its event loop and its token latency doubles).
 */
export class CpuPlacement {
  private constructor(
    readonly benchCpu: number,
    readonly serverCpu: number,
    private readonly allCpus: string,
  ) {}

  /** Pins this process; undefined (and nothing changed) where that is not possible. */
  static pin(): CpuPlacement | undefined {
    const count = cpus().length;
    if (process.platform !== 'linux' || count < 2) return undefined;
    try {
      execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
    } catch {
      return undefined;
    }
    return new CpuPlacement(0, 1, `0-${count - 1}`);
  }

  /** The command line that starts `command args` on the server CPU. */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] } {
    return { command: 'taskset', args: ['-c', String(this.serverCpu), command, ...args] };
  }

  describe(): string {
    return `bench on CPU ${this.benchCpu}, servers on CPU ${this.serverCpu} (taskset)`;
  }

  /** Lets this process run anywhere again. */
  release(): void {
    try {
      execFileSync('taskset', ['-a', '-cp', this.allCpus, String(process.pid)], { stdio: 'ignore' });
    } catch {
      // The next suite then runs pinned; its numbers say so through the environment line.
    }
  }
}

let current: CpuPlacement | undefined;

/** The placement servers started from now on use (undefined: wherever the OS puts them). */
export function useCpuPlacement(placement: CpuPlacement | undefined): void {
  current = placement;
}

export function currentCpuPlacement(): CpuPlacement | undefined {
  return current;
}
