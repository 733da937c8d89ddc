import { DEVICE_SIGNATURE_SKEW_MS } from '../../../shared/protocol/limits.js';
import type { ConnectParams } from '../../../shared/protocol/connect.js';
import {
  base64Url,
  deviceIdFromRawKey,
  publicKeyObject,
  rawPublicKeyBytes,
  signaturePayload,
  verifySignature,
  type SignaturePayloadFields,
} from './device-identity.js';

export type DeviceProofFailure =
  | 'DEVICE_AUTH_DEVICE_ID_MISMATCH'
  | 'DEVICE_AUTH_SIGNATURE_EXPIRED'
  | 'DEVICE_AUTH_NONCE_REQUIRED'
  | 'DEVICE_AUTH_NONCE_MISMATCH'
  | 'DEVICE_AUTH_SIGNATURE_INVALID'
  | 'DEVICE_AUTH_PUBLIC_KEY_INVALID';

export const DEVICE_PROOF_ERRORS: Record<DeviceProofFailure, { message: string; reason: string }> = {
  DEVICE_AUTH_DEVICE_ID_MISMATCH: { message: 'device identity mismatch', reason: 'device-id-mismatch' },
  DEVICE_AUTH_SIGNATURE_EXPIRED: { message: 'device signature expired', reason: 'device-signature-stale' },
  DEVICE_AUTH_NONCE_REQUIRED: { message: 'device nonce required', reason: 'device-nonce-missing' },
  DEVICE_AUTH_NONCE_MISMATCH: { message: 'device nonce mismatch', reason: 'device-nonce-mismatch' },
  DEVICE_AUTH_SIGNATURE_INVALID: { message: 'device signature invalid', reason: 'device-signature' },
  DEVICE_AUTH_PUBLIC_KEY_INVALID: { message: 'device public key invalid', reason: 'device-public-key' },
};

export type DeviceProofResult =
  | { ok: true; deviceId: string; publicKey: string; payloadVersion: 'v3' | 'v2' | 'v1' }
  | { ok: false; failure: DeviceProofFailure };

export interface DeviceProofContext {
  challengeNonce: string;
  now: number;
  /** Direct loopback socket with no forwarding headers: the only place v1 (nonce-less) proofs count. */
  directLoopback: boolean;
  allowLegacyLoopbackSignature: boolean;
}

/** Spec §9.4, in its order; each failure has its own code. */
export function verifyDeviceProof(params: ConnectParams, context: DeviceProofContext): DeviceProofResult {
  const device = params.device;
  if (!device) return { ok: false, failure: 'DEVICE_AUTH_PUBLIC_KEY_INVALID' };
  // A key that is not an Ed25519 key at all gets its own code; a real key with the wrong id does not.
  const raw = rawPublicKeyBytes(device.publicKey);
  if (!raw) return { ok: false, failure: 'DEVICE_AUTH_PUBLIC_KEY_INVALID' };
  if (deviceIdFromRawKey(raw) !== device.id.trim().toLowerCase()) {
    return { ok: false, failure: 'DEVICE_AUTH_DEVICE_ID_MISMATCH' };
  }
  if (Math.abs(context.now - device.signedAt) > DEVICE_SIGNATURE_SKEW_MS) {
    return { ok: false, failure: 'DEVICE_AUTH_SIGNATURE_EXPIRED' };
  }
  const nonce = (device.nonce ?? '').trim();
  const legacyPath = nonce === '' && context.allowLegacyLoopbackSignature && context.directLoopback;
  if (nonce === '' && !legacyPath) return { ok: false, failure: 'DEVICE_AUTH_NONCE_REQUIRED' };
  if (nonce !== '' && nonce !== context.challengeNonce) return { ok: false, failure: 'DEVICE_AUTH_NONCE_MISMATCH' };

  let key;
  try {
    key = publicKeyObject(raw);
  } catch {
    return { ok: false, failure: 'DEVICE_AUTH_PUBLIC_KEY_INVALID' };
  }
  const auth = params.auth ?? {};
  const fields: SignaturePayloadFields = {
    deviceId: device.id,
    clientId: params.client.id,
    clientMode: params.client.mode,
    role: params.role ?? 'operator',
    scopes: params.scopes ?? [],
    signedAtMs: device.signedAt,
    token: auth.token ?? auth.deviceToken ?? auth.bootstrapToken ?? '',
    nonce,
    platform: params.client.platform,
    deviceFamily: params.client.deviceFamily,
  };
  const versions: ('v3' | 'v2' | 'v1')[] = legacyPath ? ['v1'] : ['v3', 'v2'];
  for (const version of versions) {
    if (verifySignature(key, signaturePayload(version, fields), device.signature)) {
      return { ok: true, deviceId: device.id.trim().toLowerCase(), publicKey: base64Url(raw), payloadVersion: version };
    }
  }
  return { ok: false, failure: 'DEVICE_AUTH_SIGNATURE_INVALID' };
}
