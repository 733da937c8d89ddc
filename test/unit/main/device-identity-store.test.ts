import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceIdentityError, DeviceIdentityStore, IDENTITY_FILE, resetDeviceIdentity, TOKENS_FILE } from '../../../main/identity/device-identity-store.js';
import { deviceIdOf } from '../../../main/identity/device-key-pair.js';
import { makeStateDir, removeStateDir } from '../../helpers/gateway-process.js';
import { noEncryptionBox, testSecretBox } from './test-secret-box.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeStateDir(dir);
});

function tempDir(): string {
  const dir = join(makeStateDir('gatehouse-identity-'), 'identity');
  dirs.push(join(dir, '..'));
  return dir;
}

const gateway = 'ws://127.0.0.1:18789';

describe('DeviceIdentityStore', () => {
  it('creates an Ed25519 identity on first run and reloads the same one afterwards', () => {
    const dir = tempDir();
    const box = testSecretBox();

    const first = DeviceIdentityStore.open({ dir, secretBox: box });
    const again = DeviceIdentityStore.open({ dir, secretBox: box });

    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    expect(again.clientIdentity).toEqual(first.clientIdentity);
    expect(first.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(first.deviceId).toBe(deviceIdOf(first.publicKeyPem));
    expect(Buffer.from(first.publicKeyRawBase64Url, 'base64url')).toHaveLength(32);
    const signature = again.sign('v3|payload');
    expect(verify(null, Buffer.from('v3|payload'), createPublicKey(first.publicKeyPem), Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('keeps the private key and tokens encrypted at rest, files readable by the owner only', () => {
    const dir = tempDir();
    const store = DeviceIdentityStore.open({ dir, secretBox: testSecretBox() });
    store.storeToken({ gatewayUrl: gateway, deviceId: store.deviceId, role: 'operator' }, 'device-token-value-0123456789', ['operator.admin']);

    expect(store.encryption).toBe('encrypted');
    const identityText = readFileSync(join(dir, IDENTITY_FILE), 'utf8');
    const tokensText = readFileSync(join(dir, TOKENS_FILE), 'utf8');
    expect(identityText).not.toContain('PRIVATE KEY');
    expect(identityText).not.toContain(store.clientIdentity.privateKeyPem.split('\n')[1]);
    expect(identityText).toContain(store.deviceId);
    expect(tokensText).not.toContain('device-token-value-0123456789');
    expect(tokensText).not.toContain('operator.admin');
    for (const file of [IDENTITY_FILE, TOKENS_FILE]) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('still works without encryption, and says so clearly', () => {
    const dir = tempDir();
    const store = DeviceIdentityStore.open({ dir, secretBox: noEncryptionBox });
    store.storeToken({ gatewayUrl: gateway, deviceId: store.deviceId, role: 'operator' }, 'plain-token', ['operator.read']);

    expect(store.encryption).toBe('unavailable');
    const reopened = DeviceIdentityStore.open({ dir, secretBox: noEncryptionBox });
    expect(reopened.deviceId).toBe(store.deviceId);
    expect(reopened.loadToken({ gatewayUrl: gateway, deviceId: store.deviceId, role: 'operator' })).toEqual({ token: 'plain-token', scopes: ['operator.read'] });
    expect(readFileSync(join(dir, IDENTITY_FILE), 'utf8')).toContain('"sealing": "plaintext"');
    expect(statSync(join(dir, IDENTITY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('encrypts secrets kept in plain text as soon as encryption is available', () => {
    const dir = tempDir();
    const plain = DeviceIdentityStore.open({ dir, secretBox: noEncryptionBox });
    plain.storeToken({ gatewayUrl: gateway, deviceId: plain.deviceId, role: 'operator' }, 'upgrade-me-token', ['operator.admin']);

    const encrypted = DeviceIdentityStore.open({ dir, secretBox: testSecretBox() });

    expect(encrypted.deviceId).toBe(plain.deviceId);
    expect(encrypted.encryption).toBe('encrypted');
    expect(readFileSync(join(dir, IDENTITY_FILE), 'utf8')).not.toContain('PRIVATE KEY');
    expect(readFileSync(join(dir, TOKENS_FILE), 'utf8')).not.toContain('upgrade-me-token');
    expect(encrypted.loadToken({ gatewayUrl: gateway, deviceId: plain.deviceId, role: 'operator' })?.token).toBe('upgrade-me-token');
  });

  it('refuses to replace an identity it cannot decrypt, with a reason the UI can act on', () => {
    const dir = tempDir();
    DeviceIdentityStore.open({ dir, secretBox: testSecretBox() });

    const locked = catchError(() => DeviceIdentityStore.open({ dir, secretBox: noEncryptionBox }));
    const otherKey = catchError(() => DeviceIdentityStore.open({ dir, secretBox: testSecretBox() }));

    expect(locked).toBeInstanceOf(DeviceIdentityError);
    expect(locked).toMatchObject({ code: 'locked', message: expect.stringContaining('not available now') });
    expect(otherKey).toMatchObject({ code: 'undecryptable' });
    resetDeviceIdentity(dir);
    expect(DeviceIdentityStore.open({ dir, secretBox: noEncryptionBox }).created).toBe(true);
  });

  it('stores tokens per gateway, device and role, with their scopes', () => {
    const dir = tempDir();
    const box = testSecretBox();
    const store = DeviceIdentityStore.open({ dir, secretBox: box });
    const operator = { gatewayUrl: gateway, deviceId: store.deviceId, role: 'operator' };
    const node = { ...operator, role: 'node' };
    const elsewhere = { ...operator, gatewayUrl: 'ws://127.0.0.1:19999' };

    store.storeToken(operator, 'operator-token', ['operator.admin', 'operator.pairing']);
    store.storeToken(node, 'node-token', []);
    store.storeToken(elsewhere, 'other-gateway-token', ['operator.read']);

    const reopened = DeviceIdentityStore.open({ dir, secretBox: box });
    expect(reopened.loadToken(operator)).toEqual({ token: 'operator-token', scopes: ['operator.admin', 'operator.pairing'] });
    expect(reopened.loadToken({ ...operator, gatewayUrl: `${gateway}/` })?.token).toBe('operator-token');
    expect(reopened.loadToken(node)).toEqual({ token: 'node-token', scopes: [] });
    expect(reopened.loadToken(elsewhere)?.token).toBe('other-gateway-token');
    expect(reopened.loadToken({ ...operator, deviceId: 'f'.repeat(64) })).toBeNull();

    // Spec §11: the same token again keeps the stored scopes; a new token takes the new ones.
    reopened.storeToken(operator, 'operator-token', ['operator.read']);
    expect(reopened.loadToken(operator)?.scopes).toEqual(['operator.admin', 'operator.pairing']);
    reopened.storeToken(operator, 'rotated-token', ['operator.read']);
    expect(reopened.loadToken(operator)).toEqual({ token: 'rotated-token', scopes: ['operator.read'] });

    reopened.clearToken(operator);
    expect(DeviceIdentityStore.open({ dir, secretBox: box }).loadToken(operator)).toBeNull();
  });

  it('treats an undecryptable token file as empty and warns, keeping the identity', () => {
    const dir = tempDir();
    const box = testSecretBox();
    const store = DeviceIdentityStore.open({ dir, secretBox: box });
    const key = { gatewayUrl: gateway, deviceId: store.deviceId, role: 'operator' };
    store.storeToken(key, 'token', []);
    const file = join(dir, TOKENS_FILE);
    const document = JSON.parse(readFileSync(file, 'utf8'));
    document.tokens.ciphertext = randomBytes(64).toString('base64');
    writeFileSync(file, JSON.stringify(document));
    const warnings: string[] = [];

    const reopened = DeviceIdentityStore.open({ dir, secretBox: box, onWarning: (message) => warnings.push(message) });

    expect(reopened.deviceId).toBe(store.deviceId);
    expect(reopened.loadToken(key)).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('will be issued again on the next connect')]);
    expect(warnings[0]).not.toContain('token"');
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
