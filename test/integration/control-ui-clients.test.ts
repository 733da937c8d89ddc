import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_UI_CLIENT_IDS } from '../../shared/protocol/client-ids.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, connectClient } from '../helpers/protocol-client.js';

// The browser Control UI of each generation (spec §4.5, §10.2): protocol-3 builds identify as
// clawdbot-control-ui / moltbot-control-ui, current ones as openclaw-control-ui.

describe('Control UI client ids', () => {
  let gateway: GatewayProcess;
  let origin: string;
  beforeAll(async () => {
    gateway = await startGateway();
    origin = gateway.url.replace('ws:', 'http:');
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('knows the OpenClaw, Moltbot and Clawdbot names', () => {
    expect([...CONTROL_UI_CLIENT_IDS].sort()).toEqual(['clawdbot-control-ui', 'moltbot-control-ui', 'openclaw-control-ui']);
  });

  it.each([...CONTROL_UI_CLIENT_IDS])('pairs %s silently when it is opened on the gateway host', async (id) => {
    const { client, hello } = await connectClient(gateway.url, {
      token: gateway.token,
      device: createTestDevice(),
      client: { id, mode: 'webchat', platform: 'web' },
      scopes: ['operator.admin', 'operator.approvals', 'operator.pairing'],
      headers: { origin },
    });
    expect(hello.auth).toMatchObject({ role: 'operator', deviceToken: expect.any(String) });
    client.close();
  });

  it.each([...CONTROL_UI_CLIENT_IDS])('requires a device identity from %s', async (id) => {
    const { response } = await attemptConnect(gateway.url, {
      token: gateway.token,
      device: null,
      client: { id, mode: 'webchat', platform: 'web' },
      headers: { origin },
    });
    expect(response.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED' } });
  });
});
