import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// update.run would replace the gateway's code: only operator.admin may even ask, and nothing a
// client sends (a target ref, a delay) makes it run a command or restart.

describe('update attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('a write device may neither run nor read updates', async () => {
    const device = createTestDevice();
    const scopes = ['operator.read', 'operator.write'];
    const first = await connectClient(gateway.url, { token: gateway.token, device, scopes });
    first.client.close();
    const writer = (await connectClient(gateway.url, { device, deviceToken: first.hello.auth.deviceToken as string, scopes })).client;
    for (const method of ['update.run', 'update.status']) {
      expect((await writer.request(method, {})).error, method).toMatchObject({ details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' } });
    }
    writer.close();
  });

  it.each([
    [{ restartDelayMs: -1 }],
    [{ restartDelayMs: 10_000_000 }],
    [{ timeoutMs: 0 }],
    [{ note: 'n'.repeat(2_001) }],
    [{ command: 'rm -rf /' }],
  ])('update.run refuses %j', async (params) => {
    expect((await admin.request('update.run', params)).error?.code).toBe('INVALID_REQUEST');
  });

  it('a protocol-4 target ref is accepted and ignored: nothing runs, nothing restarts, twice', async () => {
    const target = { kind: 'git', upstreamRef: 'refs/heads/evil;touch /tmp/x', upstreamSha: 'a'.repeat(40) };
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await admin.call('update.run', { target, restartDelayMs: 0 });
      expect(result).toMatchObject({ ok: true, result: { status: 'skipped', steps: [] }, restart: null });
    }
    expect(admin.events('shutdown')).toEqual([]);
    expect((await admin.request('health')).ok).toBe(true);
  });
});
