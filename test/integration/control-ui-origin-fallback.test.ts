import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectAsUi, httpOrigin, mintCode } from './control-ui-support.js';

// gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback (config.md §2.3): the Control UI
// behind a reverse proxy on a public name nobody listed in allowedOrigins. With the setting on,
// an Origin equal to the request's Host header passes; the gateway says loudly that it is on.

const WARNING = 'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback is ON';
const PUBLIC = { origin: 'https://gatehouse.example.com', host: 'gatehouse.example.com' };

describe('Control UI origin: the Host header fallback', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({ config: JSON.stringify({ gateway: { controlUi: { dangerouslyAllowHostHeaderOriginFallback: true } } }) });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('warns at start that it is on and what to do instead', async () => {
    await expect.poll(() => gateway.output(), { timeout: 5_000 }).toContain(WARNING);
    expect(gateway.output()).toContain('gateway.controlUi.allowedOrigins');
  });

  it('accepts a browser on a public name when its Origin is the Host it connected to', async () => {
    // A dashboard link's code signs in at once; a pasted token from another machine waits for a
    // person's approval as always (spec §10): either way the origin check was passed.
    const minted = (await (await mintCode(httpOrigin(gateway.url), gateway.token)).json()) as { code: string };
    const withCode = await connectAsUi(gateway.url, { device: createTestDevice(), origin: PUBLIC.origin, headers: { host: PUBLIC.host }, bootstrapToken: minted.code });
    expect(withCode.response.error).toBeUndefined();
    expect(withCode.response.payload.auth).toMatchObject({ role: 'operator', deviceToken: expect.any(String) });
    withCode.client.close();
    const withToken = await connectAsUi(gateway.url, { device: createTestDevice(), origin: PUBLIC.origin, headers: { host: PUBLIC.host }, token: gateway.token });
    expect(withToken.response.error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED' } });
    withToken.client.close();
  });

  it('turned off in the config file, the same browser is refused without a restart', async () => {
    const path = join(gateway.stateDir, 'gatehouse.json');
    const config = JSON.parse(readFileSync(path, 'utf8'));
    config.gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback = false;
    writeFileSync(path, JSON.stringify(config));
    await expect
      .poll(async () => {
        const { response, client } = await connectAsUi(gateway.url, { device: createTestDevice(), origin: PUBLIC.origin, headers: { host: PUBLIC.host }, token: gateway.token });
        client.close();
        return response.error?.details?.code ?? 'accepted';
      }, { timeout: 10_000, interval: 200 })
      .toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');
  });
});
