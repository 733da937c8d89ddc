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
export async function measureFanOut(server: ServerUnderTest, options: FanOutOptions = DEFAULT_FAN_OUT): Promise<FanOutResult> {
  const setupStarted = performance.now();
  const clients = await connectMany(server.url, server.token, options.operators, 8);
  const setupMs = performance.now() - setupStarted;
  const sender = clients[0] as BenchClient;
  const nonce = randomBytes(6).toString('hex');
  let round: Round | undefined;
  let lastPresenceAt = performance.now();

  clients.forEach((client, index) => {
    client.onEvent((event, raw, receivedAt) => {
      if (event !== 'presence') return;
      lastPresenceAt = receivedAt;
      const current = round;
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

  const allReceived: number[] = [];
  const firstReceived: number[] = [];
  const responses: number[] = [];
  let missedDeliveries = 0;
  let deliveriesWithoutReport = 0;
  let roundsRun = 0;
  let incompleteInARow = 0;
  let frameBytes = 0;
  let teardownMs: number;
  /** Waits until no presence frame has arrived for QUIET_MS, so nothing stale is still on its way. */
  const settle = async () => {
    const deadline = performance.now() + 15_000;
    while (performance.now() - lastPresenceAt < QUIET_MS && performance.now() < deadline) await sleep(25);
  };
  try {
    // Let the presence broadcasts of the connects finish before the first round.
    await settle();

    for (let index = 0; index < options.warmupRounds + options.rounds; index += 1) {
      const text = `bench-fanout-${nonce}-${index}`;
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
      round = current;
      const sentAt = performance.now();
      const answered = call(sender, 'system-event', options.padTo === undefined ? { text, host: 'bench-host' } : { text, host: 'bench-host', padTo: options.padTo });
      await within(delivered, options.roundTimeoutMs, () => undefined);
      const { response, receivedAt } = await within(answered, options.roundTimeoutMs, () => {
        throw new Error(`system-event got no response within ${options.roundTimeoutMs} ms in round ${index}`);
      });
      if (!response.ok) throw new Error(`system-event failed in round ${index}: ${describeError(response)}`);
      round = undefined;
      incompleteInARow = current.count === clients.length ? 0 : incompleteInARow + 1;
      if (incompleteInARow >= MAX_INCOMPLETE_ROUNDS_IN_A_ROW) {
        throw new Error(`${incompleteInARow} rounds in a row where not every operator got presence within ${options.roundTimeoutMs} ms (last: ${current.count}/${clients.length})`);
      }
      if (current.count < clients.length) await settle(); // stragglers must not count for the next round
      if (index < options.warmupRounds) continue;
      roundsRun += 1;
      missedDeliveries += clients.length - current.count;
      deliveriesWithoutReport += current.withoutReport;
      if (current.count === clients.length) allReceived.push(current.last - sentAt);
      if (current.count > 0) firstReceived.push(current.first - sentAt);
      responses.push(receivedAt - sentAt);
      frameBytes = current.frameBytes || frameBytes;
    }
  } finally {
    round = undefined;
    const teardownStarted = performance.now();
    await closeAll(clients);
    teardownMs = performance.now() - teardownStarted;
  }
  return {
    ...options,
    setupMs,
    allReceivedMs: distribution(allReceived),
    firstReceivedMs: distribution(firstReceived),
    responseMs: distribution(responses),
    missedDeliveries,
    roundsRun,
    deliveriesWithoutReport,
    frameBytes,
    teardownMs,
  };
}
