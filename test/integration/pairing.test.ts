import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { attemptConnect, connectClient, type RawClient } from '../helpers/protocol-client.js';
import { referenceFrameErrors } from '../helpers/reference-schemas.js';

const REMOTE = { 'x-forwarded-for': '203.0.113.50' };

describe('device pairing and device tokens', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('pairs a loopback device silently and issues a device token it can reconnect with', async () => {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device });
    const token = first.hello.auth.deviceToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    first.client.close();

    const again = await connectClient(gateway.url, { device, deviceToken: token });
    expect(again.hello.auth).toEqual({ role: 'operator', scopes: ['operator.admin'] });
    again.client.close();
    // v3 clients send the device token in auth.token.
    const v3 = await connectClient(gateway.url, { device, token });
    v3.client.close();

    const stolen = await attemptConnect(gateway.url, { device: createTestDevice(), deviceToken: token });
    expect(stolen.response.error.details.code).toBe('AUTH_DEVICE_TOKEN_MISMATCH');
  });

  it('keeps only hashes of device tokens in the store', async () => {
    const device = createTestDevice();
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device });
    client.close();
    const db = new DatabaseSync(join(gateway.stateDir, 'gatehouse.sqlite'), { readOnly: true });
    const rows = db.prepare('SELECT token_hash FROM device_tokens WHERE device_id = ?').all(device.id) as { token_hash: string }[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(hello.auth.deviceToken);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('holds a remote device until an operator approves it', async () => {
    const device = createTestDevice();
    const requested = admin.nextNew((f) => f.event === 'device.pair.requested');
    const denied = await attemptConnect(gateway.url, { token: gateway.token, device, headers: REMOTE, client: { displayName: 'Phone' } });
    expect(denied.response.error).toMatchObject({
      code: 'NOT_PAIRED',
      message: 'pairing required: device pairing required',
      details: { code: 'PAIRING_REQUIRED', reason: 'not-paired', deviceId: device.id, requestId: expect.any(String) },
    });
    const requestId = denied.response.error.details.requestId as string;
    const closed = await denied.client.closed;
    expect(closed).toEqual({ code: 1008, reason: `pairing required: device is not approved yet (requestId: ${requestId})` });

    const event = await requested;
    expect(event.payload).toMatchObject({ requestId, deviceId: device.id, displayName: 'Phone', remoteIp: '127.0.0.1', silent: false });
    expect(referenceFrameErrors(event)).toEqual([]);

    const list = await admin.call('device.pair.list');
    expect(list.pending.map((p: any) => p.requestId)).toContain(requestId);

    const resolved = admin.nextNew((f) => f.event === 'device.pair.resolved' && f.payload.requestId === requestId);
    const approved = await admin.call('device.pair.approve', { requestId });
    expect(approved).toMatchObject({ requestId, device: { deviceId: device.id, roles: ['operator'], scopes: ['operator.admin'] } });
    expect((await resolved).payload).toMatchObject({ requestId, deviceId: device.id, decision: 'approved' });
    expect(referenceFrameErrors(await resolved)).toEqual([]);

    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device, headers: REMOTE });
    expect(hello.auth.deviceToken).toBeDefined();
    client.close();

    expect((await admin.request('device.pair.approve', { requestId })).error).toMatchObject({ message: 'unknown requestId' });
  });

  it('rejects a pending device on request and tells pairing operators', async () => {
    const device = createTestDevice();
    const denied = await attemptConnect(gateway.url, { token: gateway.token, device, headers: REMOTE });
    const requestId = denied.response.error.details.requestId as string;
    const resolved = admin.nextNew((f) => f.event === 'device.pair.resolved' && f.payload.requestId === requestId);
    expect(await admin.call('device.pair.reject', { requestId })).toEqual({ requestId, deviceId: device.id });
    expect((await resolved).payload.decision).toBe('rejected');
    const again = await attemptConnect(gateway.url, { token: gateway.token, device, headers: REMOTE });
    expect(again.response.error.details.code).toBe('PAIRING_REQUIRED');
  });

  it('asks again for a scope upgrade of a remote device', async () => {
    const device = createTestDevice();
    const first = await attemptConnect(gateway.url, { token: gateway.token, device, headers: REMOTE, scopes: ['operator.read'] });
    await admin.call('device.pair.approve', { requestId: first.response.error.details.requestId });
    const upgrade = await attemptConnect(gateway.url, { token: gateway.token, device, headers: REMOTE, scopes: ['operator.read', 'operator.write'] });
    expect(upgrade.response.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', reason: 'scope-upgrade', approvedScopes: ['operator.read'] });
  });

  it('does not send pairing events to operators without operator.pairing', async () => {
    const reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    const denied = await attemptConnect(gateway.url, { token: gateway.token, device: createTestDevice(), headers: REMOTE });
    await admin.next((f) => f.event === 'device.pair.requested' && f.payload.requestId === denied.response.error.details.requestId);
    expect(reader.events('device.pair.requested')).toEqual([]);
    reader.close();
  });

  it('rotates a device token: the new one works, the old one does not, and live sockets are closed 4001', async () => {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device });
    const oldToken = first.hello.auth.deviceToken as string;
    const live = await connectClient(gateway.url, { device, deviceToken: oldToken });
    const rotated = await admin.request('device.token.rotate', { deviceId: device.id, role: 'operator' });
    expect(referenceFrameErrors(rotated, { method: 'device.token.rotate' })).toEqual([]);
    expect(rotated.payload).toMatchObject({ deviceId: device.id, role: 'operator', tokenDelivery: 'withheld-cross-device' });
    expect((await live.client.closed).code).toBe(4001);
    expect((await first.client.closed).code).toBe(4001);
    const refused = await attemptConnect(gateway.url, { device, deviceToken: oldToken });
    expect(refused.response.error.details.code).toBe('AUTH_DEVICE_TOKEN_MISMATCH');

    // A device rotating its own token while using it gets the new one in-band.
    const fresh = await connectClient(gateway.url, { token: gateway.token, device });
    fresh.client.close();
    const self = await connectClient(gateway.url, { device, deviceToken: fresh.hello.auth.deviceToken, minProtocol: 4, maxProtocol: 4 });
    const own = await self.client.call('device.token.rotate', { deviceId: device.id, role: 'operator' });
    expect(own).toMatchObject({ tokenDelivery: 'in-band', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    self.client.close();
    const withNew = await connectClient(gateway.url, { device, deviceToken: own.token });
    withNew.client.close();
  });

  it('revokes a device token and closes its sockets with 4001', async () => {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device });
    const token = first.hello.auth.deviceToken as string;
    const result = await admin.call('device.token.revoke', { deviceId: device.id, role: 'operator' });
    expect(result).toEqual({ deviceId: device.id, role: 'operator', revokedAtMs: expect.any(Number) });
    expect(await first.client.closed).toEqual({ code: 4001, reason: 'client invalidated: device token revoked' });
    expect((await attemptConnect(gateway.url, { device, deviceToken: token })).response.error.details.code).toBe('AUTH_DEVICE_TOKEN_MISMATCH');
    expect((await admin.request('device.token.revoke', { deviceId: device.id, role: 'operator' })).error.message).toBe(
      'no active token for that device and role',
    );
    const list = await admin.call('device.pair.list');
    const paired = list.paired.find((d: any) => d.deviceId === device.id);
    expect(paired.tokens).toEqual([expect.objectContaining({ role: 'operator', revokedAtMs: result.revokedAtMs })]);
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('stops a non-admin pairing operator from granting scopes it lacks', async () => {
    const pairer = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.pairing', 'operator.read'] })).client;
    const denied = await attemptConnect(gateway.url, { token: gateway.token, device: createTestDevice(), headers: REMOTE, scopes: ['operator.admin'] });
    const requestId = denied.response.error.details.requestId;
    expect((await pairer.request('device.pair.approve', { requestId })).error.message).toBe('cannot grant scopes you do not hold: operator.admin');
    pairer.close();
  });
});
