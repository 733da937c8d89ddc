import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { signaturePayload, type SignaturePayloadFields } from '../../gateway/core/server/device-identity.js';

export interface TestDevice {
  id: string;
  publicKeyRaw: string;
  publicKeyPem: string;
  privateKeyPem: string;
  privateKey: KeyObject;
}

/** A fresh Ed25519 device identity, the way a real client makes one. */
export function createTestDevice(): TestDevice {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const raw = der.subarray(der.length - 32);
  return {
    id: createHash('sha256').update(raw).digest('hex'),
    publicKeyRaw: raw.toString('base64url'),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    privateKey,
  };
}

export function signDevicePayload(device: TestDevice, version: 'v1' | 'v2' | 'v3', fields: Omit<SignaturePayloadFields, 'deviceId'>): string {
  const payload = signaturePayload(version, { ...fields, deviceId: device.id });
  return sign(null, Buffer.from(payload, 'utf8'), device.privateKey).toString('base64url');
}
