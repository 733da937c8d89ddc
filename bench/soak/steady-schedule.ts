import { within } from '../connections.js';
import { formatClock } from './protocol-problems.js';
import type { OperationName } from './settings.js';

/** One kind of traffic: how often, how many at once, how long each may take, and the work itself. */
export interface OperationSpec {
  name: OperationName;
  perMinute: number;
  maxInFlight: number;
  timeoutMs: number;
  /** One operation (`n` counts this kind's operations from 0); rejects when it failed. */
  run(n: number): Promise<void>;
}

export interface OperationTally {
  name: OperationName;
  perMinute: number;
  started: number;
  ok: number;
  failed: number;
  /** Due while `maxInFlight` were still running: the gateway (or the bench) fell behind. */
  skipped: number;
  durationsMs: number[];
  /** The first few failures, word for word, with the time they happened. */
  failures: string[];
}

const KEPT_FAILURES = 10;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Open-loop traffic: every kind starts its operations on a fixed grid (start + offset + i ×
 * interval), so the rate stays what settings.ts says however the gateway responds. Kinds are
 * offset from each other so they do not all fire in the same millisecond. Each operation has a
 * deadline; one still running past it is a failure, and it keeps its in-flight slot until it
 * really ends (its own request timeouts end it).
 */
export class SteadySchedule {
  readonly tallies: OperationTally[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private endSchedule: () => void = () => undefined;

  constructor(
    private readonly specs: readonly OperationSpec[],
    private readonly clock: () => number,
  ) {
    this.tallies = specs.map((spec) => ({ name: spec.name, perMinute: spec.perMinute, started: 0, ok: 0, failed: 0, skipped: 0, durationsMs: [], failures: [] }));
  }

  get progress(): { ok: number; failed: number } {
    return {
      ok: this.tallies.reduce((sum, tally) => sum + tally.ok, 0),
      failed: this.tallies.reduce((sum, tally) => sum + tally.failed + tally.skipped, 0),
    };
  }

  /** Runs the traffic for `durationMs` (or until stop()), then waits for what is still in flight. */
  async run(durationMs: number): Promise<void> {
    const start = performance.now();
    const end = start + durationMs;
    let finishedKinds = 0;
    let allScheduled: () => void = () => undefined;
    const scheduled = new Promise<void>((resolve) => (allScheduled = resolve));
    this.endSchedule = allScheduled;
    this.specs.forEach((spec, index) => {
      const tally = this.tallies[index] as OperationTally;
      const interval = 60_000 / spec.perMinute;
      const offset = (interval * (index + 1)) / (this.specs.length + 1);
      let inFlight = 0;
      const next = (n: number) => {
        const due = start + offset + n * interval;
        if (this.stopped || due >= end) {
          finishedKinds += 1;
          if (finishedKinds === this.specs.length) allScheduled();
          return;
        }
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (inFlight >= spec.maxInFlight) {
            tally.skipped += 1;
            this.keep(tally, `${spec.name} #${n} skipped: ${inFlight} still in flight`);
          } else {
            inFlight += 1;
            this.launch(spec, tally, n, () => (inFlight -= 1));
          }
          next(n + 1);
        }, Math.max(0, due - performance.now()));
        this.timers.add(timer);
      };
      next(0);
    });
    await scheduled;
    await Promise.all(this.running);
  }

  /** Starts nothing more; what is in flight finishes (or times out) on its own. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.endSchedule();
  }

  private launch(spec: OperationSpec, tally: OperationTally, n: number, release: () => void): void {
    tally.started += 1;
    const startedAt = performance.now();
    const operation = spec.run(n);
    const judged = within(operation, spec.timeoutMs, () => {
      throw new Error(`not finished within ${spec.timeoutMs} ms`);
    }).then(
      () => {
        tally.ok += 1;
        tally.durationsMs.push(performance.now() - startedAt);
      },
      (error: unknown) => {
        tally.failed += 1;
        this.keep(tally, `${spec.name} #${n}: ${messageOf(error)}`);
      },
    );
    const settled = Promise.all([judged, operation.then(release, release)]).then(() => undefined);
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
  }

  private keep(tally: OperationTally, message: string): void {
    if (tally.failures.length < KEPT_FAILURES) tally.failures.push(`${formatClock(this.clock())} ${message}`);
  }
}
