import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClient } from '../bench-client.js';
import { call, closeAll, connectMany, describeError, within } from '../connections.js';
import { distribution, type Distribution } from '../percentiles.js';
import type { ServerUnderTest } from '../servers-under-test.js';

export interface FanOutOptions {
  operators: number;
  rounds: number;
  warmupRounds: number;
  roundTimeoutMs: number;
  /** Ceiling only: ask for broadcast frames of about this many bytes (a `padTo` param the gateway would reject). */
  padTo?: number;
}

export const DEFAULT_FAN_OUT: FanOutOptions = { operators: 200, rounds: 50, warmupRounds: 3, roundTimeoutMs: 5_000 };

/** Rounds in a row that may time out before the scenario gives up (a broken broadcast would cost minutes). */
const MAX_INCOMPLETE_ROUNDS_IN_A_ROW = 3;
/** No presence frame for this long = nothing left in flight. */
const QUIET_MS = 250;

export interface FanOutResult extends FanOutOptions {
  /** Time to connect all operators (the gateway broadcasts presence on every connect). */
  setupMs: number;
  /** Send of `system-event` → the last operator has the `presence` event. */
  allReceivedMs: Distribution;
  /** Send → the first operator has it. */
  firstReceivedMs: Distribution;
  /** Send → the `system-event` response reached the sender. */
  responseMs: Distribution;
  /** Operators that never saw a round's event within roundTimeoutMs, summed over rounds. */
  missedDeliveries: number;
  /** Measured rounds actually run (fewer than `rounds` when the scenario gave up). */
  roundsRun: number;
  /**
   * Deliveries whose presence frame did not contain the reported row (the system-event's text):
   * the event arrived, but without what the caller reported.
   */
  deliveriesWithoutReport: number;
  /** Size of the presence frame each operator received in the last round. */
  frameBytes: number;
  teardownMs: number;
}

interface Round {
  quoted: Buffer;
  received: Uint8Array;
  count: number;
  withoutReport: number;
  first: number;
  last: number;
  frameBytes: number;
  done: (() => void) | undefined;
}

/**
 * `operators` connected operators; operator 0 sends `system-event` with a host, which makes the
 * server broadcast `presence` to every operator. Rounds start only when no presence frame is on its
 * way (the connects' broadcasts have drained and the previous round is complete), so the first
 * presence frame an operator gets after the send is that round's broadcast. Each round's text is
 * unique; frames that do not carry it are counted, as the report did not make it into the table.
 */
export class FanOutRun {
  private round: Round | undefined;
  private lastPresenceAt = performance.now();
  private readonly nonce = randomBytes(6).toString('hex');
  private nextIndex = 0;
  private incompleteInARow = 0;
  private readonly allReceived: number[] = [];
  private readonly firstReceived: number[] = [];
  private readonly responses: number[] = [];
  private missedDeliveries = 0;
  private deliveriesWithoutReport = 0;
  private roundsRun = 0;
  private frameBytesSeen = 0;
  private teardownMs = Number.NaN;

  private constructor(
    private readonly clients: BenchClient[],
    private readonly options: FanOutOptions,
    private readonly setupMs: number,
  ) {
    clients.forEach((client, index) => {
      client.onEvent((event, raw, receivedAt) => {
        if (event !== 'presence') return;
        this.lastPresenceAt = receivedAt;
        const current = this.round;
        if (!current || current.received[index] === 1) return;
        current.received[index] = 1;
        current.count += 1;
        if (!raw.includes(current.quoted)) current.withoutReport += 1;
        if (current.count === 1) current.first = receivedAt;
        if (current.count === clients.length) {
          current.last = receivedAt;
          current.frameBytes = raw.length;
          current.done?.();
        }
      });
    });
  }

  /** Connects the operators and lets the presence broadcasts of the connects drain. */
  static async open(server: ServerUnderTest, options: FanOutOptions): Promise<FanOutRun> {
    const setupStarted = performance.now();
    const clients = await connectMany(server.url, server.token, options.operators, 8);
    const run = new FanOutRun(clients, options, performance.now() - setupStarted);
    await run.settle();
    return run;
  }

  /** Size of the presence frame of the last complete round. */
  get frameBytes(): number {
    return this.frameBytesSeen;
  }

  async warmUp(): Promise<void> {
    for (let index = 0; index < this.options.warmupRounds; index += 1) await this.runRound(false);
  }

  async measureRound(): Promise<void> {
    await this.runRound(true);
  }

  /** Waits until no presence frame has arrived for QUIET_MS, so nothing stale is still on its way. */
  private async settle(): Promise<void> {
    const deadline = performance.now() + 15_000;
    while (performance.now() - this.lastPresenceAt < QUIET_MS && performance.now() < deadline) await sleep(25);
  }

  private async runRound(measured: boolean): Promise<void> {
    const { options, clients } = this;
    const index = this.nextIndex++;
    const text = `bench-fanout-${this.nonce}-${index}`;
    const current: Round = {
      quoted: Buffer.from(JSON.stringify(text)),
      received: new Uint8Array(clients.length),
      count: 0,
      withoutReport: 0,
      first: Number.NaN,
      last: Number.NaN,
      frameBytes: 0,
      done: undefined,
    };
    const delivered = new Promise<void>((resolve) => (current.done = resolve));
    this.round = current;
    const sender = clients[0] as BenchClient;
    const sentAt = performance.now();
    const answered = call(sender, 'system-event', options.padTo === undefined ? { text, host: 'bench-host' } : { text, host: 'bench-host', padTo: options.padTo });
    try {
      await within(delivered, options.roundTimeoutMs, () => undefined);
      const { response, receivedAt } = await within(answered, options.roundTimeoutMs, () => {
        throw new Error(`system-event got no response within ${options.roundTimeoutMs} ms in round ${index}`);
      });
      if (!response.ok) throw new Error(`system-event failed in round ${index}: ${describeError(response)}`);
      this.round = undefined;
      this.incompleteInARow = current.count === clients.length ? 0 : this.incompleteInARow + 1;
      if (this.incompleteInARow >= MAX_INCOMPLETE_ROUNDS_IN_A_ROW) {
        throw new Error(
          `${this.incompleteInARow} rounds in a row where not every operator got presence within ${options.roundTimeoutMs} ms (last: ${current.count}/${clients.length})`,
        );
      }
      if (current.count < clients.length) await this.settle(); // stragglers must not count for the next round
      this.frameBytesSeen = current.frameBytes || this.frameBytesSeen;
      if (!measured) return;
      this.roundsRun += 1;
      this.missedDeliveries += clients.length - current.count;
      this.deliveriesWithoutReport += current.withoutReport;
      if (current.count === clients.length) this.allReceived.push(current.last - sentAt);
      if (current.count > 0) this.firstReceived.push(current.first - sentAt);
      this.responses.push(receivedAt - sentAt);
    } finally {
      this.round = undefined;
    }
  }

  async close(): Promise<void> {
    this.round = undefined;
    const teardownStarted = performance.now();
    await closeAll(this.clients);
    this.teardownMs = performance.now() - teardownStarted;
  }

  result(): FanOutResult {
    return {
      ...this.options,
      setupMs: this.setupMs,
      allReceivedMs: distribution(this.allReceived),
      firstReceivedMs: distribution(this.firstReceived),
      responseMs: distribution(this.responses),
      missedDeliveries: this.missedDeliveries,
      roundsRun: this.roundsRun,
      deliveriesWithoutReport: this.deliveriesWithoutReport,
      frameBytes: this.frameBytesSeen,
      teardownMs: this.teardownMs,
    };
  }
}

/** One server's fan-out on its own. */
export async function measureFanOut(server: ServerUnderTest, options: FanOutOptions = DEFAULT_FAN_OUT): Promise<FanOutResult> {
  const run = await FanOutRun.open(server, options);
  try {
    await run.warmUp();
    for (let index = 0; index < options.rounds; index += 1) await run.measureRound();
  } finally {
    await run.close();
  }
  return run.result();
}

/**
 * The gateway's fan-out beside the ceiling broadcasting frames of the same size, their rounds
 * alternating: both face the same moment-to-moment state of the machine, which a run of one
 * after the other does not give (the ceiling alone varied by ±40 % between such runs).
 */
export async function measureFanOutBesideCeiling(
  gateway: ServerUnderTest,
  ceiling: ServerUnderTest,
  options: FanOutOptions = DEFAULT_FAN_OUT,
): Promise<{ gateway: FanOutResult; ceiling: FanOutResult }> {
  const gatewayRun = await FanOutRun.open(gateway, options);
  let ceilingRun: FanOutRun | undefined;
  try {
    await gatewayRun.warmUp();
    ceilingRun = await FanOutRun.open(ceiling, { ...options, padTo: gatewayRun.frameBytes });
    await ceilingRun.warmUp();
    for (let index = 0; index < options.rounds; index += 1) {
      await gatewayRun.measureRound();
      await ceilingRun.measureRound();
    }
  } finally {
    await gatewayRun.close();
    await ceilingRun?.close();
  }
  return { gateway: gatewayRun.result(), ceiling: (ceilingRun as FanOutRun).result() };
}
