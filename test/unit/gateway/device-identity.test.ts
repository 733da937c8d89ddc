import { describe, expect, it } from 'vitest';
import { rawPublicKeyBytes, signaturePayload } from '../../../gateway/core/server/device-identity.js';
import { createTestDevice } from '../../helpers/device-keys.js';

describe('device identity encoding (spec §9)', () => {
  it('accepts raw base64url, padded standard base64 and PEM SPKI for the same key', () => {
    const device = createTestDevice();
    const raw = Buffer.from(device.publicKeyRaw, 'base64url');
    expect(rawPublicKeyBytes(device.publicKeyRaw)?.equals(raw)).toBe(true);
    expect(rawPublicKeyBytes(raw.toString('base64'))?.equals(raw)).toBe(true);
    expect(rawPublicKeyBytes(device.publicKeyPem)?.equals(raw)).toBe(true);
    expect(rawPublicKeyBytes('AAAA')).toBeNull();
    expect(rawPublicKeyBytes('*not base64*')).toBeNull();
  });

  it('builds the v3 payload with the trailing metadata fields lower-cased', () => {
    const payload = signaturePayload('v3', {
      deviceId: 'dev',
      clientId: 'cli',
      clientMode: 'cli',
      role: 'operator',
      scopes: ['operator.read', 'operator.write'],
      signedAtMs: 1795236163245,
      token: 'tok',
      nonce: 'n-1',
      platform: ' Linux ',
      deviceFamily: undefined,
    });
    expect(payload).toBe('v3|dev|cli|cli|operator|operator.read,operator.write|1795236163245|tok|n-1|linux|');
    expect(signaturePayload('v1', { deviceId: 'd', clientId: 'c', clientMode: 'm', role: 'node', scopes: [], signedAtMs: 1, token: '', nonce: 'x' })).toBe(
      'v1|d|c|m|node||1|',
    );
  });
});
