import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStateDir, startGateway } from '../helpers/gateway-process.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { attemptConnect, connectClient } from '../helpers/protocol-client.js';

describe('crash safety', () => {
  it('loses no acknowledged write when the gateway is killed with SIGKILL mid-stream', async () => {
    const gateway = await startGateway();
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    const acknowledged: number[] = [];
    let sent = 0;
    client.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'res' && frame.ok && typeof frame.payload?.eventId === 'number') acknowledged.push(frame.payload.eventId);
    });
    // Keep a window of writes in flight, then kill the process while they are being answered.
    const pump = setInterval(() => {
      for (let i = 0; i < 20; i++) client.send({ type: 'req', id: `w${sent}`, method: 'system-event', params: { text: `write ${sent++}` } });
    }, 5);
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 10));
    await gateway.kill9();
    clearInterval(pump);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    const restarted = await startGateway({ stateDir: gateway.stateDir });
    const db = new DatabaseSync(join(gateway.stateDir, 'gatehouse.sqlite'), { readOnly: true });
    const stored = new Set((db.prepare('SELECT id FROM system_events').all() as { id: number }[]).map((row) => row.id));
    db.close();
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    await restarted.stop();
    removeStateDir(gateway.stateDir);
  });

  it('keeps an approved pairing across a SIGKILL', async () => {
    const gateway = await startGateway();
    const admin = (await connectClient(gateway.url, { token: gateway.token })).client;
    const device = createTestDevice();
    const denied = await attemptConnect(gateway.url, { token: gateway.token, device, headers: { 'x-forwarded-for': '203.0.113.1' } });
    await admin.call('device.pair.approve', { requestId: denied.response.error.details.requestId });
    await gateway.kill9();
    const restarted = await startGateway({ stateDir: gateway.stateDir });
    const { client } = await connectClient(restarted.url, { token: restarted.token, device, headers: { 'x-forwarded-for': '203.0.113.1' } });
    client.close();
    await restarted.stop();
    removeStateDir(gateway.stateDir);
  });
});

describe('a gateway whose console goes away', () => {
  it('keeps serving and logging to its file after whoever read its output has gone', async () => {
    const gateway = await startGateway();
    // What the launching app's exit does to the gateway's stdout and stderr pipes.
    gateway.child.stdout?.destroy();
    gateway.child.stderr?.destroy();
    // Handshakes carrying secrets, wrong and right, after the console is gone.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const refused = await attemptConnect(gateway.url, { token: 'not-the-token' });
      expect(refused.response.ok).toBe(false);
    }
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token });
    expect((await client.call('health', {})).ok).toBe(true);
    const tail = await client.call('logs.tail', { limit: 50 });
    const lines = (tail.lines as string[]).map((line) => JSON.parse(line) as Record<string, unknown>);
    // The file kept receiving lines: this connection's own arrival is there...
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'client connected', connId: hello.server.connId, auth: 'token' }));
    // ...and no secret sent to the gateway is, right or wrong.
    const text = JSON.stringify(tail);
    expect(text).not.toContain(gateway.token);
    expect(text).not.toContain('not-the-token');
    client.close();
    expect(gateway.child.exitCode).toBeNull();
    expect(await gateway.stop()).toBe(0);
    removeStateDir(gateway.stateDir);
  });
});
