import { BenchClient } from '../bench-client.js';
import { distribution, type Distribution } from '../percentiles.js';
import type { ServerUnderTest } from '../servers-under-test.js';

export interface HandshakeResult {
  connects: number;
  warmupConnects: number;
  /** WebSocket open → hello-ok: the protocol handshake alone. */
  openToHelloMs: Distribution;
  /** new WebSocket() → hello-ok: TCP, HTTP upgrade and handshake. */
  dialToHelloMs: Distribution;
}

/** Sequential connects; each socket is closed (and the close awaited) before the next opens. */
export async function measureHandshakes(server: ServerUnderTest, connects = 200, warmupConnects = 20): Promise<HandshakeResult> {
  const openToHello: number[] = [];
  const dialToHello: number[] = [];
  for (let index = 0; index < warmupConnects + connects; index += 1) {
    const { client, timing } = await BenchClient.connect(server.url, { token: server.token });
    await client.close();
    if (index < warmupConnects) continue;
    openToHello.push(timing.helloAt - timing.openedAt);
    dialToHello.push(timing.helloAt - timing.startedAt);
  }
  return { connects, warmupConnects, openToHelloMs: distribution(openToHello), dialToHelloMs: distribution(dialToHello) };
}
