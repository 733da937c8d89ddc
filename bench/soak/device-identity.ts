import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { signaturePayload, type SignaturePayloadFields } from '../../gateway/core/server/device-identity.js';

/**
 * An Ed25519 device identity made the way a real client makes one (the same steps as
 * test/helpers/device-keys.ts, which the bench build cannot import). The signed text comes from
 * the gateway's own `signaturePayload`, so the bench cannot drift from the format it checks.
 */
export interface DeviceIdentity {
  /** sha256 of the raw public key, hex: the id the gateway derives. */
  readonly id: string;
  /** The raw 32-byte public key, base64url. */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

export function createDeviceIdentity(): DeviceIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const raw = der.subarray(der.length - 32);
  return { id: createHash('sha256').update(raw).digest('hex'), publicKey: raw.toString('base64url'), privateKey };
}

/** The connect frame's `device` block: a v3 signature over this handshake's fields and nonce. */
export function deviceProof(
  device: DeviceIdentity,
  fields: Omit<SignaturePayloadFields, 'deviceId' | 'signedAtMs'>,
): { id: string; publicKey: string; signature: string; signedAt: number; nonce: string } {
  const signedAt = Date.now();
  const payload = signaturePayload('v3', { ...fields, deviceId: device.id, signedAtMs: signedAt });
  const signature = sign(null, Buffer.from(payload, 'utf8'), device.privateKey).toString('base64url');
  return { id: device.id, publicKey: device.publicKey, signature, signedAt, nonce: fields.nonce };
}
