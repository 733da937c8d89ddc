import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, connectClient, type RawClient } from '../helpers/protocol-client.js';

// Attacks on "who is this client?": the failed-login limiter (spec §8.3, 10 wrong secrets per
// address and minute, loopback exempt) and local pairing trust (spec §10.2) both key on it.
// Tests connect from 127.0.0.1, so a forwarding header on their socket is exactly what a reverse
// proxy on the gateway host produces.

const DEFAULT_MAX_ATTEMPTS = 10;

async function guessWrongTokens(url: string, headersFor: (attempt: number) => Record<string, string>): Promise<void> {
  for (let attempt = 0; attempt < DEFAULT_MAX_ATTEMPTS; attempt += 1) {
    const { response } = await attemptConnect(url, { token: `guess-${attempt}`, device: null, headers: headersFor(attempt) });
    expect(response.error.details.code).toBe('AUTH_TOKEN_MISMATCH');
  }
}

describe('through a declared trusted proxy', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway({ config: JSON.stringify({ gateway: { mode: 'local', trustedProxies: ['127.0.0.1', '10.0.0.0/8'] } }) });
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('throttles one forwarded client guessing the token, and only that client', async () => {
    await guessWrongTokens(gateway.url, () => ({ 'x-forwarded-for': '198.51.100.7' }));

    const locked = await attemptConnect(gateway.url, { token: gateway.token, device: null, headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(locked.response.error).toMatchObject({ retryable: true, details: { code: 'AUTH_RATE_LIMITED' } });

    // Addresses the client writes to the left of what the proxy appended change nothing.
    const prefixed = await attemptConnect(gateway.url, {
      token: gateway.token,
      device: null,
      headers: { 'x-forwarded-for': '203.0.113.1, 198.51.100.7' },
    });
    expect(prefixed.response.error.details.code).toBe('AUTH_RATE_LIMITED');
    // Nor do trusted proxy hops to its right: the client is the right-most untrusted address.
    const chained = await attemptConnect(gateway.url, {
      token: gateway.token,
      device: null,
      headers: { 'x-forwarded-for': '198.51.100.7, 10.1.2.3' },
    });
    expect(chained.response.error.details.code).toBe('AUTH_RATE_LIMITED');

    // Other clients of the same proxy, and the gateway host itself, are not locked out.
    const neighbour = await connectClient(gateway.url, { token: gateway.token, device: null, headers: { 'x-forwarded-for': '198.51.100.8' } });
    neighbour.client.close();
    const local = await connectClient(gateway.url, { token: gateway.token, device: null });
    local.client.close();
  });

  it('files a forwarded device under its real address and never pairs it silently', async () => {
    const device = createTestDevice();
    const requested = admin.nextNew((frame) => frame.event === 'device.pair.requested' && frame.payload.deviceId === device.id);
    // The header even claims a loopback client: forwarded is forwarded.
    const denied = await attemptConnect(gateway.url, { token: gateway.token, device, headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(denied.response.error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED', reason: 'not-paired' } });
    expect((await requested).payload).toMatchObject({ silent: false, remoteIp: '127.0.0.1' });

    const other = createTestDevice();
    const fromClient = admin.nextNew((frame) => frame.event === 'device.pair.requested' && frame.payload.deviceId === other.id);
    await attemptConnect(gateway.url, { token: gateway.token, device: other, headers: { 'x-forwarded-for': '198.51.100.20' } });
    expect((await fromClient).payload).toMatchObject({ silent: false, remoteIp: '198.51.100.20' });
  });

  it('shows operators the forwarded address of a client behind the proxy, not the proxy', async () => {
    const behind = await connectClient(gateway.url, { token: gateway.token, device: null, headers: { 'x-forwarded-for': '198.51.100.40' } });
    const presence = (await admin.call('system-presence')) as { ip?: string }[];
    expect(presence.map((entry) => entry.ip)).toContain('198.51.100.40');
    behind.client.close();
  });

  it('does not auto-pair a Control UI that reaches loopback through the proxy', async () => {
    const { response } = await attemptConnect(gateway.url, {
      token: gateway.token,
      client: { id: 'openclaw-control-ui', mode: 'webchat', platform: 'web' },
      headers: { origin: gateway.url.replace('ws:', 'http:'), 'x-forwarded-for': '198.51.100.30' },
    });
    expect(response.error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED' } });
  });
});

describe('behind a proxy the gateway was not told to trust', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    // A trusted list that does not include the peer these tests connect from.
    gateway = await startGateway({ config: JSON.stringify({ gateway: { mode: 'local', trustedProxies: ['192.0.2.0/24'] } }) });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it.each([
    ['X-Forwarded-For', { 'x-forwarded-for': '127.0.0.1' }],
    ['Forwarded', { forwarded: 'for=127.0.0.1' }],
    ['X-Real-IP', { 'x-real-ip': '127.0.0.1' }],
  ])('does not silently pair a loopback socket carrying %s', async (_name, headers) => {
    const { response } = await attemptConnect(gateway.url, { token: gateway.token, device: createTestDevice(), headers });
    expect(response.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', reason: 'not-paired' });
  });

  // Runs last in this block: it locks the proxy's address out.
  it('counts every forwarded guess against the socket, whatever address each one claims', async () => {
    await guessWrongTokens(gateway.url, (attempt) => ({ 'x-forwarded-for': `203.0.113.${attempt + 1}` }));
    const fresh = await attemptConnect(gateway.url, { token: gateway.token, device: null, headers: { 'x-forwarded-for': '203.0.113.200' } });
    expect(fresh.response.error.details.code).toBe('AUTH_RATE_LIMITED');
    // The loopback exemption belongs to direct local clients, which keep working.
    const local = await connectClient(gateway.url, { token: gateway.token, device: null });
    local.client.close();
  });
});
