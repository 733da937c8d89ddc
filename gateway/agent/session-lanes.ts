import { TurnStartPacer } from './turn-start-pacer.js';

/**
 * Runs are queued per session — one at a time, in order — and sessions run in parallel up to a
 * global limit (`agents.defaults.maxConcurrent`); runs that get a slot start one per event-loop
 * iteration (TurnStartPacer), and what a start leaves for later runs after the waiting starts.
 */
export class SessionLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly pacer = new TurnStartPacer();

  constructor(private readonly limit: () => number) {}

  /** Queues `work` behind the session's earlier runs; `started` fires when it gets its turn. */
  enqueue<T>(sessionKey: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(sessionKey) ?? Promise.resolve();
    const result = previous.then(async () => {
      await this.acquire();
      try {
        await this.pacer.turn();
        return await work();
      } finally {
        this.release();
      }
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(sessionKey, tail);
    void tail.then(() => {
      if (this.tails.get(sessionKey) === tail) this.tails.delete(sessionKey);
    });
    return result;
  }

  /** Runs `task` in a later iteration, once no run is waiting to start (TurnStartPacer.later); it must not throw. */
  afterStarts(task: () => void): void {
    this.pacer.later(task);
  }

  private acquire(): Promise<void> {
    if (this.running < Math.max(1, this.limit())) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => {
      this.running += 1;
      resolve();
    }));
  }

  private release(): void {
    this.running -= 1;
    const next = this.waiting.shift();
    if (next) next();
  }
}
