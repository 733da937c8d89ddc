import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolProblems } from '../../../bench/soak/protocol-problems.js';
import { SoakClient } from '../../../bench/soak/soak-client.js';

/** Accepts TCP connections and never answers: a gateway whose event loop is stuck. */
async function silentServer(): Promise<{ server: Server; sockets: Socket[]; port: number }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return { server, sockets, port: address.port };
}

describe('SoakClient.connect', () => {
  let silent: Awaited<ReturnType<typeof silentServer>> | undefined;
  afterEach(async () => {
    for (const socket of silent?.sockets ?? []) socket.destroy();
    await new Promise((resolve) => silent?.server.close(resolve) ?? resolve(undefined));
    silent = undefined;
  });

  // A stalled gateway used to leave connect() waiting for 'open' forever while the challenge's
  // timer rejected a promise nobody held: an unhandled rejection that ended the whole bench.
  it('fails the connect, within its timeout, when the upgrade is never answered', async () => {
    silent = await silentServer();
    const problems = new ProtocolProblems(() => 0);
    const started = performance.now();
    const connecting = SoakClient.connect(`ws://127.0.0.1:${silent.port}`, { label: 'stalled', token: 't', client: { id: 'soak-test', mode: 'ui' }, timeoutMs: 300 }, problems);
    await expect(connecting).rejects.toThrow('stalled: no matching connect.challenge event within 300 ms');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('fails the connect when the socket is refused, and leaves no timer to reject later', async () => {
    silent = await silentServer();
    const { port } = silent;
    await new Promise((resolve) => silent?.server.close(resolve));
    const problems = new ProtocolProblems(() => 0);
    await expect(SoakClient.connect(`ws://127.0.0.1:${port}`, { label: 'refused', token: 't', client: { id: 'soak-test', mode: 'ui' }, timeoutMs: 200 }, problems)).rejects.toThrow(/ECONNREFUSED/);
    // Past the challenge timeout: an unhandled rejection from it would fail this file.
    await new Promise((resolve) => setTimeout(resolve, 400));
  });
});
