/**
 * CPU time of the bench's own Chromium that the machine-load meter cannot see. The meter
 * (bench/process-stats.ts) counts this process and the children it reaped; Chromium's renderer
 * and GPU helpers are children of its zygote, which exits without reaping them, so their time
 * never reaches our cutime and the meter reported it as "other processes" load. Measured here as
 * every process seen in the Chromium tree while the browser was open, at its last reading, minus
 * what the browser's close did add to our children's time.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ, as in process-stats.ts. */
const CLOCK_TICKS_PER_SECOND = 100;

interface ProcessEntry {
  pid: number;
  ppid: number;
  cpuSeconds: number;
}

function readProcess(pid: number): ProcessEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // After the command name's closing parenthesis: state ppid … utime(11) stime(12).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND };
}

/** Everything below `root` in the process tree, `root` included; empty off Linux. */
function processTree(root: number): ProcessEntry[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const all = names.filter((name) => /^\d+$/.test(name)).flatMap((name) => readProcess(Number(name)) ?? []);
  const byParent = new Map<number, ProcessEntry[]>();
  for (const entry of all) byParent.set(entry.ppid, [...(byParent.get(entry.ppid) ?? []), entry]);
  const tree = all.filter((entry) => entry.pid === root);
  for (let index = 0; index < tree.length; index += 1) tree.push(...(byParent.get(tree[index]!.pid) ?? []));
  return tree;
}

/** CPU seconds of the reaped children of this process (cutime + cstime). */
function reapedChildrenCpuSeconds(): number {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND;
}

/** The pids of this process's direct children whose executable is Chromium. */
function chromiumChildren(): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => readProcess(pid)?.ppid === process.pid)
    .filter((pid) => {
      try {
        return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
      } catch {
        return false;
      }
    });
}

/**
 * The CPU of one Chromium's process tree, kept across the life of its processes: a tab's renderer
 * exits when the tab closes and its zygote parent does not pass its time on to us, so a tree read
 * only at the browser's close missed every closed tab (about 0.7 of 2 cores of phantom "other
 * load" in the ui suite). `note()` after each navigation, before its tab goes, remembers them.
 */
export class ChromiumCpuLedger {
  readonly #lastSeen = new Map<number, number>();

  /** Records the CPU so far of every process now in this process's Chromium trees. */
  note(): void {
    for (const entry of chromiumChildren().flatMap(processTree)) this.#lastSeen.set(entry.pid, entry.cpuSeconds);
  }

  /**
   * Closes the browser and returns the CPU seconds its processes used that the load meter did
   * not credit to the bench (0 off Linux).
   */
  async closeCounting(close: () => Promise<void>): Promise<number> {
    this.note();
    const treeSeconds = [...this.#lastSeen.values()].reduce((sum, seconds) => sum + seconds, 0);
    const reapedBefore = reapedChildrenCpuSeconds();
    await close();
    const reapedByClose = reapedChildrenCpuSeconds() - reapedBefore;
    return Math.max(0, treeSeconds - reapedByClose);
  }
}
