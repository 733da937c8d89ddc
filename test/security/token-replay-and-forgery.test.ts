import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice, signDevicePayload } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { attemptConnect, buildConnectParams, connectClient, RawClient, type Frame } from '../helpers/protocol-client.js';

// Someone without the victim's private key or current token tries to connect as the victim:
// forged and replayed device proofs (spec §9.4), stale or stolen device tokens (§11), guessed
// shared secrets (§8). Every attempt is refused with the code that names what was wrong, and the
// socket is closed 1008. (test/integration/device-identity.test.ts and auth.test.ts cover the
// same checks as conformance; these are the attacks.)

describe('token replay and forgery', () => {
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

  /** Opens a socket, lets `forge` rewrite honest-looking connect params for it, and sends them. */
  async function connectWith(forge: (params: Frame, challenge: { nonce: string; ts: number }) => Frame): Promise<{ response: Frame; client: RawClient }> {
    const client = await RawClient.open(gateway.url);
    const challenge = await client.challenge();
    client.send({ type: 'req', id: 'forged', method: 'connect', params: forge(buildConnectParams(challenge, { token: gateway.token }), challenge) });
    return { response: await client.response('forged'), client };
  }

  async function expectRefused(attempt: Promise<{ response: Frame; client: RawClient }>, code: string): Promise<Frame> {
    const { response, client } = await attempt;
    expect(response.ok).toBe(false);
    expect(response.error.details.code).toBe(code);
    expect((await client.closed).code).toBe(1008);
    return response;
  }

  describe('forged device proofs', () => {
    it('refuses the victim\'s id and key with a signature made by another key', async () => {
      const victim = createTestDevice();
      const forger = createTestDevice();
      await expectRefused(
        connectWith((params) => {
          const signed = buildConnectParams({ nonce: params.device.nonce, ts: params.device.signedAt }, { token: gateway.token, device: forger });
          params.device = { ...signed.device, id: victim.id, publicKey: victim.publicKeyRaw };
          return params;
        }),
        'DEVICE_AUTH_SIGNATURE_INVALID',
      );
    });

    it('refuses the victim\'s id presented with the forger\'s own key', async () => {
      const victim = createTestDevice();
      await expectRefused(
        connectWith((params) => ({ ...params, device: { ...params.device, id: victim.id } })),
        'DEVICE_AUTH_DEVICE_ID_MISMATCH',
      );
    });

    it('refuses a signature whose signed scopes were widened afterwards', async () => {
      await expectRefused(connectWith((params) => ({ ...params, scopes: ['operator.admin'] })), 'DEVICE_AUTH_SIGNATURE_INVALID');
    });
  });

  describe('replayed connects', () => {
    it('refuses a captured connect frame replayed on a new socket', async () => {
      const honest = await RawClient.open(gateway.url);
      const challenge = await honest.challenge();
      const captured = { type: 'req', id: 'connect-1', method: 'connect', params: buildConnectParams(challenge, { token: gateway.token }) };
      honest.send(captured);
      expect((await honest.response('connect-1')).ok).toBe(true);

      const replay = await RawClient.open(gateway.url);
      await replay.challenge();
      replay.send(captured);
      const response = await replay.response('connect-1');
      expect(response.error.details.code).toBe('DEVICE_AUTH_NONCE_MISMATCH');
      expect((await replay.closed).code).toBe(1008);

      // On the socket it was made for, a second connect is simply refused.
      honest.send({ ...captured, id: 'connect-2' });
      expect((await honest.response('connect-2')).error.message).toBe('connect is only valid as the first request');
      honest.close();
    });

    it('refuses a captured signature with the nonce swapped for the new socket\'s', async () => {
      const honest = await RawClient.open(gateway.url);
      const captured = buildConnectParams(await honest.challenge(), { token: gateway.token });
      honest.close();
      await expectRefused(
        connectWith((_params, challenge) => ({ ...captured, device: { ...captured.device, nonce: challenge.nonce } })),
        'DEVICE_AUTH_SIGNATURE_INVALID',
      );
    });

    it('refuses a replay that strips the nonce to fall back to v1 signatures from behind a proxy', async () => {
      const { response, client } = await attemptConnect(gateway.url, {
        token: gateway.token,
        signatureVersion: 'v1',
        nonce: null,
        headers: { 'x-forwarded-for': '198.51.100.3' },
      });
      await expectRefused(Promise.resolve({ response, client }), 'DEVICE_AUTH_NONCE_REQUIRED');
    });

    it.each([
      ['ten minutes old', -600_000],
      ['ten minutes in the future', 600_000],
    ])('refuses a correctly signed proof whose signedAt is %s', async (_label, offsetMs) => {
      const device = createTestDevice();
      await expectRefused(
        connectWith((params, challenge) => {
          const signedAt = challenge.ts + offsetMs;
          const signature = signDevicePayload(device, 'v3', {
            clientId: params.client.id,
            clientMode: params.client.mode,
            role: 'operator',
            scopes: [],
            signedAtMs: signedAt,
            token: gateway.token,
            nonce: challenge.nonce,
            platform: params.client.platform,
          });
          return { ...params, device: { id: device.id, publicKey: device.publicKeyRaw, signature, signedAt, nonce: challenge.nonce } };
        }),
        'DEVICE_AUTH_SIGNATURE_EXPIRED',
      );
    });
  });

  describe('stolen or stale device tokens', () => {
    it('refuses a revoked device token reused by its own device', async () => {
      const device = createTestDevice();
      const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device });
      client.close();
      await admin.call('device.token.revoke', { deviceId: device.id, role: 'operator' });
      await expectRefused(attemptConnect(gateway.url, { device, deviceToken: hello.auth.deviceToken }), 'AUTH_DEVICE_TOKEN_MISMATCH');
    });

    it('refuses a token replaced by rotation', async () => {
      const device = createTestDevice();
      const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device });
      client.close();
      await admin.call('device.token.rotate', { deviceId: device.id, role: 'operator' });
      await expectRefused(attemptConnect(gateway.url, { device, deviceToken: hello.auth.deviceToken }), 'AUTH_DEVICE_TOKEN_MISMATCH');
    });

    it('refuses a device token presented by another device, however well that device signs', async () => {
      const victim = createTestDevice();
      const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device: victim });
      client.close();
      const thief = createTestDevice();
      await expectRefused(attemptConnect(gateway.url, { device: thief, deviceToken: hello.auth.deviceToken }), 'AUTH_DEVICE_TOKEN_MISMATCH');
      // Sent as auth.token the way v3 clients do, it is no better.
      await expectRefused(attemptConnect(gateway.url, { device: thief, token: hello.auth.deviceToken }), 'AUTH_TOKEN_MISMATCH');
    });

    it('refuses a node token used to connect as an operator', async () => {
      const device = createTestDevice();
      const node = await connectClient(gateway.url, { token: gateway.token, device, role: 'node' });
      node.client.close();
      await expectRefused(attemptConnect(gateway.url, { device, deviceToken: node.hello.auth.deviceToken }), 'AUTH_DEVICE_TOKEN_MISMATCH');
    });
  });

  describe('guessed shared secrets', () => {
    it.each([
      ['a wrong token', 'not-the-gateway-token'],
      ['the right token minus its last character', 'PREFIX'],
      ['the right token with a character appended', 'SUFFIX'],
    ])('refuses %s', async (_label, guess) => {
      const token = guess === 'PREFIX' ? gateway.token.slice(0, -1) : guess === 'SUFFIX' ? `${gateway.token}x` : guess;
      const response = await expectRefused(attemptConnect(gateway.url, { token, device: null }), 'AUTH_TOKEN_MISMATCH');
      expect(response.error.message).not.toContain(gateway.token);
    });
  });
});
