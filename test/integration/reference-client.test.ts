import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { GatewayClient, type DeviceAuthTokenRecord } from '@openclaw/gateway-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { createTestDevice } from '../helpers/device-keys.js';
import type { Frame } from '../helpers/protocol-client.js';
import { referenceErrors, referenceFrameErrors } from '../helpers/reference-schemas.js';

/** The host side of the reference client: identity, signing and token storage are ours. */
function hostDeps(store: Map<string, DeviceAuthTokenRecord>) {
  return {
    signDevicePayload: (privateKeyPem: string, payload: string) =>
      sign(null, Buffer.from(payload, 'utf8'), createPrivateKey(privateKeyPem)).toString('base64url'),
    publicKeyRawBase64UrlFromPem: (publicKeyPem: string) => {
      const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
      return der.subarray(der.length - 32).toString('base64url');
    },
    loadDeviceAuthToken: ({ deviceId, role }: { deviceId: string; role: string }) => store.get(`${deviceId}|${role}`) ?? null,
    storeDeviceAuthToken: ({ deviceId, role, token, scopes }: { deviceId: string; role: string; token: string; scopes: string[] }) => {
      store.set(`${deviceId}|${role}`, { token, scopes });
    },
    clearDeviceAuthToken: ({ deviceId, role }: { deviceId: string; role: string }) => {
      store.delete(`${deviceId}|${role}`);
    },
  };
}

describe('the reference @openclaw/gateway-client', () => {
  let gateway: GatewayProcess;
  let client: GatewayClient;
  const events: Frame[] = [];
  const tokens = new Map<string, DeviceAuthTokenRecord>();
  let hello: Frame;

  beforeAll(async () => {
    gateway = await startGateway();
    const device = createTestDevice();
    const ready = Promise.withResolvers<void>();
    client = new GatewayClient({
      url: gateway.url,
      token: gateway.token,
      clientName: 'test',
      mode: 'ui',
      clientVersion: '1.0.0',
      platform: 'linux',
      role: 'operator',
      scopes: ['operator.admin', 'operator.read', 'operator.write', 'operator.approvals', 'operator.pairing'],
      deviceIdentity: { deviceId: device.id, privateKeyPem: device.privateKeyPem, publicKeyPem: device.publicKeyPem },
      hostDeps: hostDeps(tokens),
      onHelloOk: (h) => {
        hello = h as unknown as Frame;
        ready.resolve();
      },
      onConnectError: (error) => ready.reject(error),
      onEvent: (event) => events.push(event as unknown as Frame),
    });
    client.start();
    await ready.promise;
  });

  afterAll(async () => {
    await client.stopAndWait({ timeoutMs: 2_000 });
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('completes the v4 handshake with a device identity and stores its device token', () => {
    expect(hello.protocol).toBe(4);
    expect(referenceErrors('HelloOk', hello)).toEqual([]);
    expect([...tokens.values()][0]?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('calls every implemented method, each answer conforming where the reference has a schema', async () => {
    const calls: [string, unknown][] = [
      ['health', {}],
      ['health', { probe: true }],
      ['status', {}],
      ['system-presence', {}],
      ['last-heartbeat', {}],
      ['logs.tail', { limit: 10 }],
      ['system-event', { text: 'from the reference client' }],
      ['config.get', {}],
      ['config.schema', {}],
      ['device.pair.list', {}],
    ];
    for (const [method, params] of calls) {
      const payload = await client.request(method, params);
      expect(referenceFrameErrors({ type: 'res', id: 'x', ok: true, payload }, { method })).toEqual([]);
    }
    const { hash } = await client.request<{ hash: string | null }>('config.get', {});
    const set = await client.request('config.set', { raw: '{ logging: { level: "debug" } }', ...(hash ? { baseHash: hash } : {}) });
    expect(set).toMatchObject({ ok: true });
    const { hash: next } = await client.request<{ hash: string }>('config.get', {});
    expect(await client.request('config.patch', { raw: '{ session: { scope: "global" } }', baseHash: next })).toMatchObject({ ok: true });
    // A token rotation of another device's record is withheld from the caller on protocol 4.
    const list = await client.request<{ paired: { deviceId: string }[] }>('device.pair.list', {});
    const own = list.paired[0]!.deviceId;
    await expect(client.request('device.pair.approve', { requestId: 'nope' })).rejects.toThrow(/unknown requestId/);
    await expect(client.request('device.pair.reject', { requestId: 'nope' })).rejects.toThrow(/unknown requestId/);
    expect(own).toMatch(/^[0-9a-f]{64}$/);
    await expect(client.request('device.token.revoke', { deviceId: 'f'.repeat(64), role: 'operator' })).rejects.toThrow(/no active token/);
    await expect(client.request('device.token.rotate', { deviceId: 'f'.repeat(64), role: 'operator' })).rejects.toThrow(/unknown deviceId/);
    await expect(client.request('config.apply', { raw: '{ gateway: { port: "x" } }' })).rejects.toThrow(/config base hash required|invalid/);
  });

  it('receives only events that validate against the reference schemas', async () => {
    await client.request('health', { probe: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.some((event) => event.event === 'health')).toBe(true);
    for (const event of events) expect(referenceFrameErrors({ type: 'event', ...event })).toEqual([]);
  });
});
