/**
 * Polls /healthz while a gateway is running or attached and reports each answer with the count
 * of failures in a row; the supervisor decides what that means for its state. Timers come from
 * the supervisor's clock; stop() is final and also drops an answer still in flight.
 */
import type { GatewayProbe, HealthzResult } from './gateway-probe.js';
import type { ClockTimer, SupervisorClock } from './supervisor-clock.js';

export interface HealthWatchOptions {
  clock: SupervisorClock;
  probe: GatewayProbe;
  httpUrl: string;
  intervalMs: number;
}

export class HealthWatch {
  #timer: ClockTimer | undefined;
  #failures = 0;
  #stopped = false;

  constructor(
    private readonly options: HealthWatchOptions,
    private readonly onResult: (health: HealthzResult, failuresInARow: number) => void,
  ) {}

  start(): void {
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.options.clock.schedule(this.options.intervalMs, () => void this.#tick());
  }

  async #tick(): Promise<void> {
    const health = await this.options.probe.healthz(this.options.httpUrl);
    if (this.#stopped) return;
    this.#failures = health.ok ? 0 : this.#failures + 1;
    this.onResult(health, this.#failures);
    this.#schedule();
  }
}
