import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { attemptConnect, buildConnectParams, connectClient, RawClient } from '../helpers/protocol-client.js';

describe('device identity proof', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  async function expectProofFailure(mutate: (params: Record<string, any>) => void, code: string, message: string, reason: string) {
    const client = await RawClient.open(gateway.url);
    const challenge = await client.challenge();
    const params = buildConnectParams(challenge, { token: gateway.token });
    mutate(params);
    client.send({ type: 'req', id: 'c', method: 'connect', params });
    const response = await client.response('c');
    expect(response.error).toEqual({ code: 'INVALID_REQUEST', message, details: { code, reason } });
    expect(await client.closed).toEqual({ code: 1008, reason: message });
  }

  it('accepts a v3 signature and derives device.id from the raw key', async () => {
    const device = createTestDevice();
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token, device });
    const presence = hello.snapshot.presence.find((entry: any) => entry.deviceId === device.id);
    expect(device.id).toBe(createHash('sha256').update(Buffer.from(device.publicKeyRaw, 'base64url')).digest('hex'));
    expect(presence).toBeUndefined(); // the snapshot is taken before this connection is added
    client.close();
  });

  it('accepts v2 signatures, PEM public keys and legacy v1 from direct loopback without a nonce', async () => {
    const v2 = await connectClient(gateway.url, { token: gateway.token, signatureVersion: 'v2' });
    v2.client.close();
    const device = createTestDevice();
    const client = await RawClient.open(gateway.url);
    const challenge = await client.challenge();
    const params = buildConnectParams(challenge, { token: gateway.token, device });
    params.device.publicKey = device.publicKeyPem;
    client.send({ type: 'req', id: 'pem', method: 'connect', params });
    expect((await client.response('pem')).ok).toBe(true);
    client.close();
    const v1 = await connectClient(gateway.url, { token: gateway.token, signatureVersion: 'v1', nonce: null });
    v1.client.close();
  });

  it('refuses an id that is not the hash of the key', async () => {
    await expectProofFailure((p) => (p.device.id = 'a'.repeat(64)), 'DEVICE_AUTH_DEVICE_ID_MISMATCH', 'device identity mismatch', 'device-id-mismatch');
  });

  it('refuses a key that is not an Ed25519 public key', async () => {
    await expectProofFailure((p) => (p.device.publicKey = 'not-a-key!'), 'DEVICE_AUTH_PUBLIC_KEY_INVALID', 'device public key invalid', 'device-public-key');
  });

  it('refuses a signature older than two minutes', async () => {
    const { client, response } = await attemptConnect(gateway.url, { token: gateway.token, signedAt: Date.now() - 180_000 });
    expect(response.error.details).toEqual({ code: 'DEVICE_AUTH_SIGNATURE_EXPIRED', reason: 'device-signature-stale' });
    expect((await client.closed).code).toBe(1008);
  });

  it('requires the nonce unless the legacy loopback path applies', async () => {
    const { response } = await attemptConnect(gateway.url, {
      token: gateway.token,
      nonce: null,
      signatureVersion: 'v3',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(response.error.details).toEqual({ code: 'DEVICE_AUTH_NONCE_REQUIRED', reason: 'device-nonce-missing' });
  });

  it('refuses a nonce replayed from another socket', async () => {
    const other = await RawClient.open(gateway.url);
    const stolen = await other.challenge();
    const { response } = await attemptConnect(gateway.url, { token: gateway.token, nonce: stolen.nonce });
    expect(response.error.details).toEqual({ code: 'DEVICE_AUTH_NONCE_MISMATCH', reason: 'device-nonce-mismatch' });
    other.close();
  });

  it('refuses a signature that does not cover what was sent', async () => {
    await expectProofFailure((p) => (p.scopes = ['operator.read']), 'DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature');
  });
});
