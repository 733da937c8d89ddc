import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, connectClient, RawClient } from '../helpers/protocol-client.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { referenceFrameErrors } from '../helpers/reference-schemas.js';
import { METHOD_CATALOGUE } from '../../shared/protocol/method-catalogue.js';

const CORE_METHODS = [
  'config.apply',
  'config.get',
  'config.patch',
  'config.schema',
  'config.set',
  'device.pair.approve',
  'device.pair.list',
  'device.pair.reject',
  'device.token.revoke',
  'device.token.rotate',
  'health',
  'last-heartbeat',
  'logs.tail',
  'status',
  'system-event',
  'system-presence',
];

describe('handshake', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('sends connect.challenge first, without seq, with a fresh nonce per socket', async () => {
    const a = await RawClient.open(gateway.url);
    const b = await RawClient.open(gateway.url);
    const [first] = [await a.challenge(), await b.challenge()];
    expect(a.frames[0]).toMatchObject({ type: 'event', event: 'connect.challenge' });
    expect(a.frames[0]?.seq).toBeUndefined();
    expect(first.nonce).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.frames[0]?.payload.nonce).not.toBe(first.nonce);
    expect(Math.abs(first.ts - Date.now())).toBeLessThan(5_000);
    a.close();
    b.close();
  });

  it.each([
    [1, 3, 3],
    [3, 3, 3],
    [4, 4, 4],
    [3, 4, 4],
    [1, 9, 4],
  ])('negotiates the highest common version for a %i..%i client (→ %i)', async (minProtocol, maxProtocol, expected) => {
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, minProtocol, maxProtocol });
    expect(hello.protocol).toBe(expected);
    client.close();
  });

  it('rejects a range without 3 or 4 with PROTOCOL_MISMATCH and closes 1002', async () => {
    const { client, response } = await attemptConnect(gateway.url, { token: gateway.token, minProtocol: 1, maxProtocol: 2 });
    expect(response).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'protocol mismatch',
        details: { code: 'PROTOCOL_MISMATCH', clientMinProtocol: 1, clientMaxProtocol: 2, expectedProtocol: 4 },
      },
    });
    expect(await client.closed).toEqual({ code: 1002, reason: 'protocol mismatch' });
  });

  it('answers a protocol-3 client with the v3 hello-ok and every field of spec §4.6', async () => {
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, minProtocol: 3, maxProtocol: 3 });
    expect(hello).toMatchObject({
      type: 'hello-ok',
      protocol: 3,
      server: { version: expect.any(String), connId: expect.any(String), host: expect.any(String) },
      features: { methods: expect.arrayContaining(CORE_METHODS), events: expect.arrayContaining(['connect.challenge', 'tick', 'presence', 'health', 'shutdown']) },
      snapshot: {
        presence: expect.any(Array),
        health: expect.objectContaining({ ok: true }),
        stateVersion: { presence: expect.any(Number), health: expect.any(Number) },
        uptimeMs: expect.any(Number),
        sessionDefaults: { defaultAgentId: 'main', mainKey: 'main', mainSessionKey: 'agent:main:main', scope: 'per-sender' },
        authMode: 'token',
      },
      auth: { role: 'operator', scopes: ['operator.admin'], deviceToken: expect.any(String), issuedAtMs: expect.any(Number) },
      policy: { maxPayload: 16_777_216, maxBufferedBytes: 52_428_800, tickIntervalMs: 30_000 },
    });
    expect(hello.server.bootId).toBeUndefined();
    expect(hello.features.capabilities).toBeUndefined();
    expect(hello.auth.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    client.close();
  });

  it('advertises exactly the methods it serves: every listed one answers, every other one is unknown', async () => {
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token });
    const advertised: string[] = hello.features.methods;
    expect(advertised).toEqual([...new Set(advertised)].sort());
    expect(advertised).not.toContain('connect');
    for (const [method, entry] of Object.entries(METHOD_CATALOGUE)) {
      if (entry.scope === 'node') continue;
      if (entry.aliasOf) {
        expect(advertised).not.toContain(method);
        continue;
      }
      // Params that fail validation never reach a handler, so nothing is changed by this probe.
      const response = await client.request(method, { __probe: true });
      const unknown = response.error?.message === `unknown method: ${method}`;
      expect(unknown, `${method}: ${JSON.stringify(response.error)}`).toBe(!advertised.includes(method));
    }
    client.close();
  });

  it('answers a protocol-4 client with a hello-ok that the reference schema accepts', async () => {
    const { client, response } = await attemptConnect(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4 });
    expect(referenceFrameErrors(response)).toEqual([]);
    expect(response.payload.server).toEqual({ version: expect.any(String), connId: expect.any(String), bootId: expect.any(String) });
    expect(response.payload.features.capabilities).toEqual([]);
    client.close();
  });

  it('leaves hello-ok auth.method out however the socket signed in: the reference v4 schema closes auth without it', async () => {
    // protocol.md §4.6 lists an optional v4 `auth.method`, but @openclaw/gateway-protocol 2026.9
    // (what OpenClaw's own clients validate against) has `additionalProperties: false` on
    // hello-ok.auth and no such key; sending it would make a strict client refuse the hello.
    const device = createTestDevice();
    const shared = await attemptConnect(gateway.url, { token: gateway.token, device, minProtocol: 4, maxProtocol: 4 });
    const paired = await attemptConnect(gateway.url, { deviceToken: shared.response.payload.auth.deviceToken, device, minProtocol: 4, maxProtocol: 4 });
    for (const { client, response } of [shared, paired]) {
      expect(response.ok).toBe(true);
      expect(response.payload.auth.method).toBeUndefined();
      expect(referenceFrameErrors(response)).toEqual([]);
      client.close();
    }
  });

  it('accepts the seed-000 bare handshake and replies with a bare hello-ok', async () => {
    const client = await RawClient.open(gateway.url, { path: '/v1/connect' });
    await client.challenge();
    client.send({
      minProtocol: 1,
      maxProtocol: 3,
      client: { id: 'my-app-v1', version: '1.0.0', platform: 'linux', mode: 'operator' },
      auth: { token: gateway.token },
    });
    const hello = await client.next((frame) => frame.type === 'hello-ok');
    expect(hello.protocol).toBe(3);
    const health = await client.request('health');
    expect(health).toMatchObject({ type: 'res', ok: true, payload: { ok: true } });
    // The seed-era client drives every gateway-core method after its bare handshake.
    const calls: [string, unknown][] = [
      ['status', {}],
      ['system-presence', {}],
      ['last-heartbeat', {}],
      ['logs.tail', { limit: 5 }],
      ['system-event', { text: 'seed client was here' }],
      ['config.get', {}],
      ['config.schema', {}],
      ['device.pair.list', {}],
    ];
    for (const [method, params] of calls) expect((await client.request(method, params)).ok, method).toBe(true);
    const config = (await client.request('config.get', {})).payload;
    expect((await client.request('config.patch', { raw: '{ logging: { level: "debug" } }', ...(config.hash ? { baseHash: config.hash } : {}) })).ok).toBe(true);
    expect((await client.request('device.pair.approve', { requestId: 'missing' })).error.message).toBe('unknown requestId');
    expect((await client.request('device.pair.reject', { requestId: 'missing' })).error.message).toBe('unknown requestId');
    expect((await client.request('device.token.rotate', { deviceId: 'missing', role: 'operator' })).error.message).toBe('unknown deviceId');
    expect((await client.request('device.token.revoke', { deviceId: 'missing', role: 'operator' })).error.message).toBe(
      'no active token for that device and role',
    );
    client.close();
  });

  it('sends a bare error envelope when a bare handshake fails', async () => {
    const client = await RawClient.open(gateway.url);
    await client.challenge();
    client.send({ minProtocol: 1, maxProtocol: 3, client: { id: 'x', version: '1', platform: 'linux', mode: 'operator' }, auth: { token: 'nope' } });
    const frame = await client.next((f) => f.type === 'error');
    expect(frame.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_TOKEN_MISMATCH' } });
    expect((await client.closed).code).toBe(1008);
  });

  it('refuses a second connect on an open connection but keeps the socket', async () => {
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    const again = await client.request('connect', {});
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: 'connect is only valid as the first request' } });
    expect((await client.request('health')).ok).toBe(true);
    client.close();
  });

  it('serves HTTP probes on the same port and 404s other WebSocket paths', async () => {
    const base = `http://127.0.0.1:${gateway.port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ ok: true, service: 'gatehouse' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/startupz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    await expect(RawClient.open(gateway.url, { path: '/elsewhere' })).rejects.toThrow(/404/);
  });

  it('numbers broadcast events per connection from 1 and carries stateVersion on presence', async () => {
    const { client } = await connectClient(gateway.url, { token: gateway.token, client: { id: 'seq-watcher', mode: 'ui' } });
    const firstPresence = await client.event('presence');
    expect(firstPresence.seq).toBe(1);
    expect(firstPresence.stateVersion).toEqual({ presence: expect.any(Number), health: expect.any(Number) });
    // Wait from before the second connect: its presence broadcast may beat our next line.
    const secondPresence = client.nextNew((frame) => frame.event === 'presence' && frame.payload.presence.some((e: any) => e.host === 'another'));
    const other = await connectClient(gateway.url, { token: gateway.token, client: { id: 'another', mode: 'ui' } });
    const second = await secondPresence;
    expect(second.stateVersion.presence).toBeGreaterThan(firstPresence.stateVersion.presence);
    other.client.close();
    const broadcasts = client.frames.filter((frame) => frame.type === 'event' && frame.event !== 'connect.challenge');
    expect(broadcasts.map((frame) => frame.seq)).toEqual(broadcasts.map((_, index) => index + 1));
    client.close();
  });
});
