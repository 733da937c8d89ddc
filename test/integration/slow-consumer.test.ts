import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient } from '../helpers/protocol-client.js';

describe('outbound back-pressure', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    // A small ceiling so the test does not need 50 MiB of unread replies.
    gateway = await startGateway({ env: { GATEHOUSE_MAX_BUFFERED_BYTES: String(256 * 1024) } });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('closes a client that stops reading with 1008 "slow consumer" without slowing the others', async () => {
    const { client: slow, hello } = await connectClient(gateway.url, { token: gateway.token });
    expect(hello.policy.maxBufferedBytes).toBe(256 * 1024);
    const { client: healthy } = await connectClient(gateway.url, { token: gateway.token });
    // Stop reading: the kernel buffers fill, then the gateway's own buffer grows.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 4000; i++) slow.send({ type: 'req', id: `s${i}`, method: 'config.schema' });
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await healthy.request('health')).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slow.closed).toEqual({ code: 1008, reason: 'slow consumer' });
    healthy.close();
  });
});
