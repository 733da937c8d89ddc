/**
 * The device's Ed25519 key pair and the encodings the protocol uses (spec §9.1–9.2):
 * `deviceId` = lowercase hex SHA-256 of the raw 32-byte public key; the public key on the wire
 * is those raw bytes in base64url; signatures are base64url.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface DeviceKeyPair {
  deviceId: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateDeviceKeyPair(): DeviceKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return {
    deviceId: deviceIdOf(publicKey),
    publicKeyPem,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/** The raw 32-byte Ed25519 public key (the tail of its SPKI DER encoding). */
export function rawPublicKey(publicKey: KeyObject | string): Buffer {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

export function deviceIdOf(publicKey: KeyObject | string): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex');
}

export function publicKeyRawBase64Url(publicKeyPem: string): string {
  return rawPublicKey(publicKeyPem).toString('base64url');
}

export function signPayload(privateKey: KeyObject | string, payload: string): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return sign(null, Buffer.from(payload, 'utf8'), key).toString('base64url');
}

/** Throws unless the PEMs form one Ed25519 key pair whose id is `deviceId`. */
export function assertConsistent(pair: DeviceKeyPair): KeyObject {
  const privateKey = createPrivateKey(pair.privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the device key is ${privateKey.asymmetricKeyType}, not ed25519`);
  const derived = createPublicKey(privateKey);
  if (!rawPublicKey(derived).equals(rawPublicKey(pair.publicKeyPem))) throw new Error('the private and public device keys do not belong together');
  if (deviceIdOf(derived) !== pair.deviceId) throw new Error('the device id does not match the device key');
  return privateKey;
}
