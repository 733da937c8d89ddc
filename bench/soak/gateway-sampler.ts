import { readdirSync, readlinkSync } from 'node:fs';
import { readCpuSeconds, readRssMiB } from '../process-stats.js';
import type { GatewayInspector } from './gateway-inspector.js';
import { readGatewayMemory, type GatewayMemory } from './gateway-memory.js';
import { readRssBreakdown, type RssBreakdown } from './rss-breakdown.js';
import { readStoreSize, type StoreSize } from './store-size.js';

export interface HandleCounts {
  /** Entries in /proc/<pid>/fd: every open file, socket, pipe, eventfd… */
  fds: number;
  /** Those that are sockets (`socket:[inode]`): listeners, clients, provider connections. */
  sockets: number;
}

/** The process's open descriptors from /proc (Linux); undefined once it is gone. */
export function readHandleCounts(pid: number): HandleCounts | undefined {
  let entries: string[];
  try {
    entries = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  let sockets = 0;
  for (const entry of entries) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${entry}`).startsWith('socket:')) sockets += 1;
    } catch {
      // Closed between the listing and the readlink: it no longer counts.
    }
  }
  return { fds: entries.length, sockets };
}

/**
 * What each open descriptor is, counted by kind: `socket`, `pipe`, `anon_inode:[eventfd]`,
 * `anon_inode:[io_uring]`, or a file by its name (`gatehouse.sqlite-wal`; the temp state dir is
 * left out so two runs compare). Undefined once the process is gone.
 */
export function readHandleKinds(pid: number): Record<string, number> | undefined {
  let entries: string[];
  try {
    entries = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const kinds: Record<string, number> = {};
  for (const entry of entries) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${entry}`);
    } catch {
      continue;
    }
    const kind = handleKind(target);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** `socket:[123]` → `socket`, `pipe:[456]` → `pipe`, `/tmp/x/gatehouse.sqlite` → `gatehouse.sqlite`. */
export function handleKind(linkTarget: string): string {
  const inode = /^(socket|pipe):\[\d+\]$/.exec(linkTarget);
  if (inode) return inode[1] as string;
  if (linkTarget.startsWith('/')) return linkTarget.slice(linkTarget.lastIndexOf('/') + 1) || linkTarget;
  return linkTarget;
}

/** Kinds with more descriptors in `after` than in `before`, e.g. `+2 pipe, +1 gatehouse.sqlite`. */
export function describeHandleGrowth(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): string {
  return Object.entries(after)
    .map(([kind, count]) => [kind, count - (before[kind] ?? 0)] as const)
    .filter(([, grew]) => grew > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, grew]) => `+${grew} ${kind}`)
    .join(', ');
}

export interface GatewaySample {
  /** Since the traffic started (negative: before it). */
  atMs: number;
  rssMiB: number;
  /** RSS by backing (smaps), read in the same sample. */
  rss?: RssBreakdown;
  /** The gateway's heap through its inspector; absent when the inspector did not answer. */
  memory?: GatewayMemory;
  /** Its SQLite files: the page cache (in RSS) grows with the database until it is full. */
  store?: StoreSize;
  fds: number;
  sockets: number;
  /** Gateway CPU since the previous sample, % of one core. */
  cpuPercent: number;
  /** Operations finished so far (cumulative). */
  opsOk: number;
  opsFailed: number;
}

export interface OperationProgress {
  ok: number;
  failed: number;
}

/**
 * Reads the gateway's RSS, handles and CPU from /proc and its heap through its inspector on a
 * fixed period; stop() releases the timer.
 */
export class GatewaySampler {
  readonly samples: GatewaySample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastCpu: { at: number; seconds: number } | undefined;
  /** The periodic reading in progress: a slow inspector answer must not start a second one beside it. */
  private reading: Promise<void> | undefined;

  constructor(
    private readonly pid: number,
    private readonly inspector: GatewayInspector | undefined,
    private readonly intervalMs: number,
    private readonly clock: () => number,
    private readonly progress: () => OperationProgress,
    /** Called after every periodic reading; undefined when the process could not be read (gone). */
    private readonly onSample: (sample: GatewaySample | undefined) => void = () => undefined,
  ) {}

  start(): this {
    void this.recordNow();
    this.timer = setInterval(() => {
      // A slow inspector answer (a long collection) skips this tick rather than stacking readings.
      if (!this.reading) void this.recordNow();
    }, this.intervalMs);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One reading now, not added to the series (the idle readings before and after the traffic). */
  async read(): Promise<GatewaySample | undefined> {
    // The heap first: the /proc figures are then read after it, with no await between them.
    const memory = await this.readMemory();
    const rssMiB = readRssMiB(this.pid);
    const rss = readRssBreakdown(this.pid);
    const store = readStoreSize(this.pid);
    const handles = readHandleCounts(this.pid);
    const cpuSeconds = readCpuSeconds(this.pid);
    if (rssMiB === undefined || handles === undefined || cpuSeconds === undefined) return undefined;
    const now = performance.now();
    const cpuPercent = this.lastCpu ? ((cpuSeconds - this.lastCpu.seconds) / ((now - this.lastCpu.at) / 1_000)) * 100 : 0;
    this.lastCpu = { at: now, seconds: cpuSeconds };
    const { ok, failed } = this.progress();
    return { atMs: this.clock(), rssMiB, ...(rss && { rss }), ...(memory && { memory }), ...(store && { store }), ...handles, cpuPercent, opsOk: ok, opsFailed: failed };
  }

  /** A periodic reading, also taken once more when the traffic ends (after any reading in progress). */
  recordNow(): Promise<void> {
    const previous = this.reading ?? Promise.resolve();
    const reading: Promise<void> = previous
      .then(() => this.read())
      .then((sample) => {
        if (sample) this.samples.push(sample);
        this.onSample(sample);
      })
      .finally(() => {
        if (this.reading === reading) this.reading = undefined;
      });
    this.reading = reading;
    return reading;
  }

  private async readMemory(): Promise<GatewayMemory | undefined> {
    if (!this.inspector) return undefined;
    try {
      return await readGatewayMemory(this.inspector, this.intervalMs);
    } catch {
      // A gateway that is exiting or stuck: the /proc figures still say what there is to say.
      return undefined;
    }
  }
}
