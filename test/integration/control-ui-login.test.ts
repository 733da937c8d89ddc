import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectAsUi, httpOrigin, makeUiBundle, mintCode, UI_SCOPES } from './control-ui-support.js';

interface MintedCode {
  code: string;
  expiresAtMs: number;
  url: string;
}

async function mint(origin: string, token: string, basePath = '/'): Promise<MintedCode> {
  const response = await mintCode(origin, token, basePath);
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  return (await response.json()) as MintedCode;
}

describe('Control UI sign-in with a one-time login code', () => {
  let gateway: GatewayProcess;
  let bundle: { root: string; outside: string };
  let origin: string;
  beforeAll(async () => {
    bundle = makeUiBundle();
    gateway = await startGateway({ config: JSON.stringify({ gateway: { controlUi: { root: bundle.root } } }) });
    origin = httpOrigin(gateway.url);
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
    rmSync(bundle.outside, { recursive: true, force: true });
  });

  it('mints a code whose URL carries it in the fragment only', async () => {
    const minted = await mint(origin, gateway.token);
    expect(minted.code).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(minted.url).toBe(`${origin}/#code=${minted.code}`);
    expect(minted.expiresAtMs).toBeGreaterThan(Date.now());
    expect(minted.expiresAtMs).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(gateway.output()).not.toContain(minted.code);
  });

  it('exchanges the code for a silent pairing and a device token, then reconnects with the token', async () => {
    const device = createTestDevice();
    const { code } = await mint(origin, gateway.token);
    const first = await connectAsUi(gateway.url, { device, bootstrapToken: code, origin });
    expect(first.response.ok).toBe(true);
    const hello = first.response.payload;
    expect(hello.protocol).toBe(4);
    expect(hello.auth).toMatchObject({ role: 'operator', scopes: UI_SCOPES, deviceToken: expect.any(String) });
    expect(hello.features.methods).toContain('health');
    const health = await first.client.request('health');
    expect(health.ok).toBe(true);
    first.client.close();

    const again = await connectAsUi(gateway.url, { device, deviceToken: hello.auth.deviceToken, origin });
    expect(again.response.ok).toBe(true);
    expect(again.response.payload.auth).toMatchObject({ role: 'operator', scopes: UI_SCOPES });
    expect(again.response.payload.auth.deviceToken).toBeUndefined();
    again.client.close();
    expect(gateway.output()).not.toContain(code);
  });

  it('pairs a browser on another machine silently when it brings a code, and asks for approval without one', async () => {
    const remote = { 'x-forwarded-for': '203.0.113.9' };
    const { code } = await mint(origin, gateway.token);
    const withCode = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin, headers: remote });
    expect(withCode.response.ok).toBe(true);
    expect(withCode.response.payload.auth.deviceToken).toEqual(expect.any(String));
    withCode.client.close();
    // The pasted shared token from elsewhere still waits for a person's approval (spec §10).
    const withToken = await connectAsUi(gateway.url, { device: createTestDevice(), origin, headers: remote, token: gateway.token });
    expect(withToken.response.error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED' } });
  });

  it('refuses a code the second time, like any failed sign-in', async () => {
    const { code } = await mint(origin, gateway.token);
    const first = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin });
    expect(first.response.ok).toBe(true);
    first.client.close();
    const reuse = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin });
    expect(reuse.response.ok).toBe(false);
    expect(reuse.response.error).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { code: 'AUTH_UNAUTHORIZED', authReason: 'bootstrap_token_invalid' },
    });
    expect(reuse.response.error.message).toMatch(/^unauthorized: login code invalid, already used or expired/);
    expect((await reuse.client.closed).code).toBe(1008);
  });

  it('refuses an unknown code', async () => {
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: 'x'.repeat(32), origin });
    expect(response.error.details.code).toBe('AUTH_UNAUTHORIZED');
    await client.closed;
  });

  it('grants only the role it was minted for', async () => {
    const { code } = await mint(origin, gateway.token);
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin, role: 'node', scopes: [] });
    expect(response.ok).toBe(false);
    expect(response.error.details.code).toBe('AUTH_UNAUTHORIZED');
    await client.closed;
  });

  it('accepts the socket at the page origin and refuses a foreign Origin', async () => {
    const foreign = await connectAsUi(gateway.url, { device: createTestDevice(), origin: 'https://evil.example' });
    expect(foreign.response.ok).toBe(false);
    expect(foreign.response.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' } });
    expect(foreign.response.error.message).toContain('https://evil.example');
    expect((await foreign.client.closed).code).toBe(1008);

    // Same host, other port: another site as far as the browser is concerned.
    const otherPort = await connectAsUi(gateway.url, { device: createTestDevice(), origin: `http://127.0.0.1:${gateway.port + 1}` });
    expect(otherPort.response.error.details.code).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
  });
});

describe('login codes expire', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({ env: { GATEHOUSE_LOGIN_CODE_TTL_MS: '200' } });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('refuses a code after its lifetime', async () => {
    const origin = httpOrigin(gateway.url);
    const { code, expiresAtMs } = await mint(origin, gateway.token);
    await expect.poll(() => Date.now(), { timeout: 5_000, interval: 50 }).toBeGreaterThan(expiresAtMs + 50);
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin });
    expect(response.ok).toBe(false);
    expect(response.error.details.code).toBe('AUTH_UNAUTHORIZED');
    await client.closed;
  });
});

describe('allowedOrigins and a base path', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({
      config: JSON.stringify({ gateway: { controlUi: { basePath: '/ui', allowedOrigins: ['https://gatehouse.example.com'] } } }),
    });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('opens the socket at the base path with a code minted there', async () => {
    const origin = httpOrigin(gateway.url);
    const { code, url } = await mint(origin, gateway.token, '/ui/');
    expect(url).toBe(`${origin}/ui/#code=${code}`);
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin, path: '/ui/' });
    expect(response.ok).toBe(true);
    client.close();
    expect((await mintCode(origin, gateway.token, '/')).status).toBe(404);
  });

  it('accepts a listed public origin and still refuses an unlisted one', async () => {
    const listed = await connectAsUi(gateway.url, { device: createTestDevice(), origin: 'https://gatehouse.example.com', deviceToken: gateway.token });
    // Past the origin check: the device token is wrong, which is a later step (spec §4.4).
    expect(listed.response.error.details.code).not.toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
    const unlisted = await connectAsUi(gateway.url, { device: createTestDevice(), origin: 'https://other.example.com' });
    expect(unlisted.response.error.details.code).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
  });
});
