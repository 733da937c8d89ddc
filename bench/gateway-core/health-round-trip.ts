import { BenchClient } from '../bench-client.js';
import { call, describeError } from '../connections.js';
import { distribution, type Distribution } from '../percentiles.js';
import type { ServerUnderTest } from '../servers-under-test.js';

export interface HealthRoundTripResult {
  calls: number;
  warmupCalls: number;
  roundTripMs: Distribution;
  /** Size of one `health` payload as JSON, to show what each round trip carries. */
  payloadBytes: number;
}

/** Sequential `health` calls on one connection: send → response parsed. */
export async function measureHealthRoundTrip(server: ServerUnderTest, calls = 2_000, warmupCalls = 200): Promise<HealthRoundTripResult> {
  const { client } = await BenchClient.connect(server.url, { token: server.token });
  // One budget for the whole run instead of a timer per call; a stuck server fails every pending call.
  const watchdog = setTimeout(() => client.terminate(), 60_000);
  try {
    const samples: number[] = [];
    let payloadBytes = 0;
    for (let index = 0; index < warmupCalls + calls; index += 1) {
      const sentAt = performance.now();
      const { response, receivedAt } = await call(client, 'health');
      if (!response.ok) throw new Error(`health call ${index} failed: ${describeError(response)}`);
      if (index >= warmupCalls) samples.push(receivedAt - sentAt);
      else if (index === 0) payloadBytes = Buffer.byteLength(JSON.stringify(response.payload ?? null));
    }
    return { calls, warmupCalls, roundTripMs: distribution(samples), payloadBytes };
  } finally {
    clearTimeout(watchdog);
    await client.close();
  }
}
