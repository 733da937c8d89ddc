import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice, type TestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, connectClient, type RawClient } from '../helpers/protocol-client.js';

// A client that holds some scopes tries to act with more: spec §7 (scopes), §10 (pairing) and
// §11 (device tokens). Each device below is paired the way a real one is (on first loopback
// connect with the shared token) and then attacks with nothing but its own device token.

const REMOTE = { 'x-forwarded-for': '203.0.113.60' };

interface PairedDevice {
  device: TestDevice;
  token: string;
  scopes: string[];
}

describe('scope escalation', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  async function pairDevice(scopes: string[]): Promise<PairedDevice> {
    const device = createTestDevice();
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device, scopes });
    client.close();
    return { device, token: hello.auth.deviceToken as string, scopes };
  }

  async function connectAs(paired: PairedDevice, protocol = 3): Promise<RawClient> {
    const { client } = await connectClient(gateway.url, {
      device: paired.device,
      deviceToken: paired.token,
      scopes: paired.scopes,
      minProtocol: protocol,
      maxProtocol: protocol,
    });
    return client;
  }

  describe('a device with operator.pairing against another device', () => {
    it('cannot rotate the other device\'s token to cut it off', async () => {
      const victim = await pairDevice(['operator.read']);
      const victimSocket = await connectAs(victim);
      const attacker = await connectAs(await pairDevice(['operator.pairing', 'operator.read']));

      const rotated = await attacker.request('device.token.rotate', { deviceId: victim.device.id, role: 'operator' });
      expect(rotated.error).toMatchObject({
        code: 'INVALID_REQUEST',
        message: 'missing scope: operator.admin',
        details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' },
      });
      // Narrowing the scopes to ones the attacker holds is no way around it.
      const narrowed = await attacker.request('device.token.rotate', { deviceId: victim.device.id, role: 'operator', scopes: ['operator.read'] });
      expect(narrowed.error.message).toBe('missing scope: operator.admin');

      // The victim is still connected and its token still works.
      expect((await victimSocket.request('status')).ok).toBe(true);
      (await connectAs(victim)).close();
      victimSocket.close();
      attacker.close();
    });

    it('cannot revoke the other device\'s token, and is told FORBIDDEN on protocol 4', async () => {
      const victim = await pairDevice(['operator.read']);
      const attacker = await connectAs(await pairDevice(['operator.pairing', 'operator.read']), 4);
      const revoked = await attacker.request('device.token.revoke', { deviceId: victim.device.id, role: 'operator' });
      expect(revoked.error).toMatchObject({ code: 'FORBIDDEN', message: 'missing scope: operator.admin' });
      (await connectAs(victim)).close();
      attacker.close();
    });

    it('cannot learn whether a device exists by managing it', async () => {
      const attacker = await connectAs(await pairDevice(['operator.pairing']));
      const probe = await attacker.request('device.token.rotate', { deviceId: 'f'.repeat(64), role: 'operator' });
      expect(probe.error.message).toBe('missing scope: operator.admin');
      attacker.close();
    });

    it('still manages its own token', async () => {
      const self = await pairDevice(['operator.pairing', 'operator.read']);
      const socket = await connectAs(self, 4);
      const own = await socket.call('device.token.rotate', { deviceId: self.device.id, role: 'operator' });
      expect(own).toMatchObject({ tokenDelivery: 'in-band', token: expect.any(String) });
      socket.close();
    });
  });

  it('an admin still rotates and revokes any device', async () => {
    const target = await pairDevice(['operator.read']);
    expect(await admin.call('device.token.rotate', { deviceId: target.device.id, role: 'operator' })).toMatchObject({ deviceId: target.device.id });
    expect(await admin.call('device.token.revoke', { deviceId: target.device.id, role: 'operator' })).toMatchObject({ deviceId: target.device.id });
  });

  it('a token rotation cannot ask for scopes the caller does not hold', async () => {
    // Approved for admin, but connected with pairing only: the socket's scopes are what count.
    const device = createTestDevice();
    const paired = await connectClient(gateway.url, { token: gateway.token, device, scopes: ['operator.admin', 'operator.pairing'] });
    paired.client.close();
    const narrow = await connectAs({ device, token: paired.hello.auth.deviceToken, scopes: ['operator.pairing'] });
    const widened = await narrow.request('device.token.rotate', { deviceId: device.id, role: 'operator', scopes: ['operator.admin'] });
    expect(widened.error.message).toBe('cannot grant scopes you do not hold: operator.admin');
    narrow.close();
  });

  it('a pairing-scoped device cannot approve its own scope upgrade to admin', async () => {
    const self = await pairDevice(['operator.pairing']);
    const upgrade = await attemptConnect(gateway.url, { token: gateway.token, device: self.device, headers: REMOTE, scopes: ['operator.pairing', 'operator.admin'] });
    expect(upgrade.response.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', reason: 'scope-upgrade' });
    const requestId = upgrade.response.error.details.requestId as string;

    const socket = await connectAs(self);
    const approved = await socket.request('device.pair.approve', { requestId });
    expect(approved.error.message).toBe('cannot grant scopes you do not hold: operator.admin');
    socket.close();

    const again = await attemptConnect(gateway.url, { token: gateway.token, device: self.device, headers: REMOTE, scopes: ['operator.pairing', 'operator.admin'] });
    expect(again.response.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', reason: 'scope-upgrade', approvedScopes: ['operator.pairing'] });
  });

  describe('a read-only device token', () => {
    it.each([
      ['chat.send', { sessionKey: 'main', message: 'hi', idempotencyKey: 'escalate-1' }, 'operator.write'],
      ['system-event', { text: 'injected' }, 'operator.admin'],
      ['config.set', { raw: '{}' }, 'operator.admin'],
      ['device.pair.list', {}, 'operator.pairing'],
      ['exec.approval.resolve', { id: 'x', decision: 'allow-always' }, 'operator.approvals'],
    ])('cannot call %s', async (method, params, missingScope) => {
      const reader = await connectAs(await pairDevice(['operator.read']));
      const response = await reader.request(method, params);
      expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', message: `missing scope: ${missingScope}` });
      reader.close();
    });

    it('cannot reconnect asking for more than it was paired with', async () => {
      const reader = await pairDevice(['operator.read']);
      const { response } = await attemptConnect(gateway.url, { device: reader.device, deviceToken: reader.token, scopes: ['operator.admin'] });
      expect(response.error.details.code).toBe('AUTH_SCOPE_MISMATCH');
    });
  });
});
