import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function decodeBase64Any(text: string): Buffer | null {
  const normalized = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(normalized)) return null;
  return Buffer.from(normalized, 'base64');
}

/** Spec §9.1: raw 32-byte key as base64url; PEM SPKI and std/padded base64 are accepted too. */
export function rawPublicKeyBytes(publicKey: string): Buffer | null {
  const text = publicKey.trim();
  if (text.includes('BEGIN PUBLIC KEY')) {
    try {
      const der = createPublicKey(text).export({ format: 'der', type: 'spki' });
      return der.length === 44 && der.subarray(0, 12).equals(SPKI_ED25519_PREFIX) ? der.subarray(12) : null;
    } catch {
      return null;
    }
  }
  const bytes = decodeBase64Any(text);
  if (!bytes) return null;
  if (bytes.length === 32) return bytes;
  if (bytes.length === 44 && bytes.subarray(0, 12).equals(SPKI_ED25519_PREFIX)) return bytes.subarray(12);
  return null;
}

export function base64Url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

export function deviceIdFromRawKey(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Spec §9.3: platform and deviceFamily are trimmed and ASCII-lowercased (non-ASCII untouched). */
export function normalizeMetadataField(value: string | undefined): string {
  return (value ?? '').trim().replace(/[A-Z]/g, (char) => char.toLowerCase());
}

export interface SignaturePayloadFields {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  signedAtMs: number;
  token: string;
  nonce: string;
  platform?: string;
  deviceFamily?: string;
}

export function signaturePayload(version: 'v1' | 'v2' | 'v3', fields: SignaturePayloadFields): string {
  const base = [
    version,
    fields.deviceId,
    fields.clientId,
    fields.clientMode,
    fields.role,
    fields.scopes.join(','),
    String(fields.signedAtMs),
    fields.token,
  ];
  if (version === 'v1') return base.join('|');
  base.push(fields.nonce);
  if (version === 'v2') return base.join('|');
  base.push(normalizeMetadataField(fields.platform), normalizeMetadataField(fields.deviceFamily));
  return base.join('|');
}

export function verifySignature(key: KeyObject, payload: string, signature: string): boolean {
  const bytes = decodeBase64Any(signature);
  if (!bytes || bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(payload, 'utf8'), key, bytes);
  } catch {
    return false;
  }
}
