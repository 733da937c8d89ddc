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

describe('large broadcasts', () => {
  it('delivers a large event whole to every client, each with its own seq and the state version', async () => {
    const gateway = await startGateway();
    const clients = await Promise.all([1, 2, 3].map(async () => (await connectClient(gateway.url, { token: gateway.token })).client));
    const [reporter, ...others] = clients;
    // 20,000 characters of presence text: past the size from which the frame head is shared.
    const text = 'é'.repeat(5_000) + 'x'.repeat(15_000);
    const waits = clients.map((client) => client.nextNew((frame) => frame.type === 'event' && frame.event === 'presence' && JSON.stringify(frame.payload).includes(text), 5_000));
    await reporter!.call('system-event', { text, host: 'big-report' });
    const frames = await Promise.all(waits);
    for (const frame of frames) {
      const row = (frame.payload as { presence: { host?: string; text?: string }[] }).presence.find((entry) => entry.host === 'big-report');
      expect(row?.text).toBe(text);
      expect(frame.stateVersion).toMatchObject({ presence: expect.any(Number) });
      expect(typeof frame.seq).toBe('number');
    }
    // Each client's event sequence stays gapless across the large event and the next small one.
    for (const client of others) {
      const seqs = client.frames.filter((frame) => frame.type === 'event' && typeof frame.seq === 'number').map((frame) => frame.seq as number);
      expect(seqs).toEqual(seqs.map((_, index) => seqs[0]! + index));
    }
    for (const client of clients) client.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
});
