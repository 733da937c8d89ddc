import { setTimeout as sleep } from 'node:timers/promises';
import { BenchClient } from '../bench-client.js';
import { call, describeError, within } from '../connections.js';

export interface HealthProbeResult {
  /** Round trips of the answered calls, in ms. */
  latenciesMs: number[];
  /** Calls that failed, timed out, or found the socket closed. */
  failures: string[];
  /** Set when the probe's own socket was closed under it. */
  closed?: string;
}

/** A call that takes this long counts as a failure; the probe then carries on. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * A well-behaved client beside the fuzzer: one socket calling `health` in a loop with a short
 * pause, as a dashboard would. It records every round trip and every failure.
 */
export class HealthProbe {
  private running = true;
  private readonly result: HealthProbeResult = { latenciesMs: [], failures: [] };
  private readonly loop: Promise<void>;

  private constructor(
    private readonly client: BenchClient,
    private readonly pauseMs: number,
  ) {
    void client.closed.then((info) => {
      if (info.unexpected) this.result.closed = `closed by the gateway: ${info.code} ${info.reason}`;
    });
    this.loop = this.run();
  }

  static async start(url: string, token: string, pauseMs = 5): Promise<HealthProbe> {
    const { client } = await BenchClient.connect(url, { token, mode: 'cli', clientId: 'health-probe' });
    return new HealthProbe(client, pauseMs);
  }

  private async run(): Promise<void> {
    while (this.running && this.client.isOpen) {
      const sentAt = performance.now();
      const outcome = await within(
        call(this.client, 'health'),
        CALL_TIMEOUT_MS,
        () => ({ response: { id: '', ok: false, error: { code: 'TIMEOUT', message: `no answer within ${CALL_TIMEOUT_MS} ms` } }, receivedAt: performance.now() }),
      );
      if (outcome.response.ok) this.result.latenciesMs.push(outcome.receivedAt - sentAt);
      else this.result.failures.push(describeError(outcome.response));
      if (this.pauseMs > 0) await sleep(this.pauseMs);
    }
  }

  /** Stops after the call in flight and closes the socket. */
  async stop(): Promise<HealthProbeResult> {
    this.running = false;
    await this.loop;
    if (!this.client.isOpen && this.result.closed === undefined) this.result.closed = 'socket not open at the end';
    await this.client.close();
    return this.result;
  }
}

/** One `health` on a new connection: does the gateway still take and answer clients? */
export async function healthOnFreshConnection(url: string, token: string): Promise<boolean> {
  try {
    const { client } = await BenchClient.connect(url, { token, mode: 'cli', clientId: 'health-after' });
    try {
      return (await client.request('health')).ok;
    } finally {
      await client.close();
    }
  } catch {
    return false;
  }
}
