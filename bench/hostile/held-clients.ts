import { BenchClient } from '../bench-client.js';
import { call, closeAll, describeError } from '../connections.js';
import { distribution, type Distribution } from '../percentiles.js';

/**
 * Well-behaved clients held open for the whole hostile run. They connect as `cli` clients: a
 * presence-tracked client makes every later connect broadcast the presence table to all of
 * them, and 1,000 of those would measure that broadcast, not the hostile traffic.
 */
export async function connectHeld(url: string, token: string, count: number, concurrency = 20): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const { client } = await BenchClient.connect(url, { token, mode: 'cli', clientId: `held-${next}` });
      clients.push(client);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } catch (error) {
    await closeAll(clients);
    throw error;
  }
  return clients;
}

/** Sequential `health` calls, each on the next held client in turn: the round trip with all of them connected. */
export async function healthAcrossHeld(clients: readonly BenchClient[], calls: number, warmupCalls: number): Promise<Distribution> {
  const samples: number[] = [];
  for (let index = 0; index < warmupCalls + calls; index += 1) {
    const client = clients[index % clients.length];
    if (!client) throw new Error('no held clients');
    const sentAt = performance.now();
    const { response, receivedAt } = await call(client, 'health');
    if (!response.ok) throw new Error(`health on held client ${index % clients.length} failed: ${describeError(response)}`);
    if (index >= warmupCalls) samples.push(receivedAt - sentAt);
  }
  return distribution(samples);
}
