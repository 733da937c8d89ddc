import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectAsUi } from '../integration/control-ui-support.js';

// A page on a public name that resolves to the gateway (DNS rebinding, or a proxy nobody listed)
// sends an Origin whose host is exactly the Host header it connects with. Without
// gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback that match proves nothing, so the
// socket is refused before any credential is looked at.

describe('Control UI origin attacks', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it.each([
    ['http://rebind.attacker.example', 'rebind.attacker.example'],
    ['https://gatehouse.example.com', 'gatehouse.example.com'],
    ['http://203.0.113.7:18789', '203.0.113.7:18789'],
  ])('refuses Origin %s even when the Host header matches it', async (origin, host) => {
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), origin, headers: { host }, token: gateway.token });
    expect(response.ok).toBe(false);
    expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' } });
    expect((await client.closed).code).toBe(1008);
  });

  it.each([
    // Host header and Origin disagree in port, scheme tricks or case-folded lookalikes.
    ['http://gatehouse.example.com:8443', 'gatehouse.example.com'],
    ['null', 'null'],
    ['file://gatehouse.example.com', 'gatehouse.example.com'],
    ['http://gatehouse.example.com.', 'gatehouse.example.com'],
  ])('refuses Origin %s with Host %s', async (origin, host) => {
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), origin, headers: { host }, token: gateway.token });
    expect(response.error?.details?.code).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
    client.close();
  });

  it('does not warn about the fallback when it is off', () => {
    expect(gateway.output()).not.toContain('dangerouslyAllowHostHeaderOriginFallback is ON');
  });
});

describe('Control UI origin attacks with dangerouslyAllowHostHeaderOriginFallback on', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({ config: JSON.stringify({ gateway: { controlUi: { dangerouslyAllowHostHeaderOriginFallback: true } } }) });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('still refuses an Origin whose host is not the Host header, and origins that are no web page', async () => {
    for (const [origin, host] of [
      ['https://evil.example', 'gatehouse.example.com'],
      ['http://gatehouse.example.com:8443', 'gatehouse.example.com'],
      ['null', 'null'],
      ['file://gatehouse.example.com', 'gatehouse.example.com'],
    ] as const) {
      const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), origin, headers: { host }, token: gateway.token });
      expect(response.error?.details?.code, `${origin} / ${host}`).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
      client.close();
    }
  });

  it('still asks for credentials: the fallback passes the origin check only', async () => {
    const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), origin: 'https://gatehouse.example.com', headers: { host: 'gatehouse.example.com' }, token: 'wrong-token' });
    expect(response.ok).toBe(false);
    expect(response.error.details.code).not.toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
    expect(response.error.details.code).toMatch(/^AUTH_/);
    client.close();
  });
});
