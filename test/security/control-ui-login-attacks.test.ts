import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, connectClient } from '../helpers/protocol-client.js';
import { connectAsUi, httpOrigin, mintCode } from '../integration/control-ui-support.js';

// Who may mint a Control UI login code, and what a code can and cannot be used for. Loopback is
// not exempt from the limiter here, so brute force from this test counts like an attack from afar.

describe('Control UI login codes under attack', () => {
  let gateway: GatewayProcess;
  let origin: string;
  beforeAll(async () => {
    gateway = await startGateway({
      config: JSON.stringify({ gateway: { auth: { rateLimit: { maxAttempts: 5, windowMs: 60_000, lockoutMs: 300_000, exemptLoopback: false } } } }),
    });
    origin = httpOrigin(gateway.url);
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('refuses to mint without a credential, or with a credential that is not the admin secret', async () => {
    const none = await mintCode(origin, undefined);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toMatchObject({ error: expect.stringMatching(/^unauthorized/) });

    // A read-only operator's device token is a real credential, but not the admin one.
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'], device: createTestDevice() });
    client.close();
    const readOnly = await mintCode(origin, hello.auth.deviceToken as string);
    expect(readOnly.status).toBe(401);
    const garbage = await fetch(`${origin}/api/login-code`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`x:${gateway.token}`).toString('base64')}` } });
    expect(garbage.status).toBe(401);
  });

  it('answers no CORS preflight and no GET', async () => {
    const preflight = await fetch(`${origin}/api/login-code`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${origin}/api/login-code`, { headers: { authorization: `Bearer ${gateway.token}` } })).status).toBe(405);
  });

  it('refuses a valid code without a device identity', async () => {
    const { code } = (await (await mintCode(origin, gateway.token)).json()) as { code: string };
    const asUi = await connectAsUi(gateway.url, { device: null, bootstrapToken: code, origin });
    expect(asUi.response.error.details.code).toBe('CONTROL_UI_DEVICE_IDENTITY_REQUIRED');
    const asOther = await attemptConnect(gateway.url, { device: null, client: { id: 'cli', mode: 'cli' } });
    expect(asOther.response.ok).toBe(false);
  });

  it('does not take a code as the shared token', async () => {
    const { code } = (await (await mintCode(origin, gateway.token)).json()) as { code: string };
    const { response } = await attemptConnect(gateway.url, { token: code, device: createTestDevice() });
    expect(response.ok).toBe(false);
    expect(response.error.details.code).toBe('AUTH_TOKEN_MISMATCH');
  });

  it('locks out an address that guesses codes, even from a right one afterwards', async () => {
    const device = createTestDevice();
    for (let attempt = 0; attempt < 5; attempt++) {
      const { response } = await connectAsUi(gateway.url, { device, bootstrapToken: `guess-${attempt}-${'a'.repeat(24)}`, origin });
      expect(response.error.details.code).toBe('AUTH_UNAUTHORIZED');
    }
    const { code } = (await (await mintCode(origin, gateway.token)).json()) as { code: string };
    const { response } = await connectAsUi(gateway.url, { device, bootstrapToken: code, origin });
    expect(response.error).toMatchObject({ retryable: true, details: { code: 'AUTH_RATE_LIMITED' } });
    expect(response.error.retryAfterMs).toBeGreaterThan(0);
  });

  it('locks out an address that guesses the minting secret', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await mintCode(origin, `wrong-${attempt}`)).status).toBe(401);
    const locked = await mintCode(origin, gateway.token);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
