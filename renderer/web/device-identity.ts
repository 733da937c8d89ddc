/**
 * This browser's device identity (protocol §9): an Ed25519 key pair made with WebCrypto, the
 * private key non-extractable, the pair kept in IndexedDB. `device.id` is the lowercase hex
 * SHA-256 of the raw 32-byte public key; the public key and signatures go on the wire as
 * base64url without padding.
 */
import type { GatewayBrowserDeviceIdentity } from '@openclaw/gateway-client/browser';
import { keyValueStore } from './key-value-store.js';

const KEY_PAIR = 'device-key-pair';

export class SecureContextRequiredError extends Error {
  constructor() {
    super('This page is not a secure context, so the browser offers no WebCrypto to sign in with.');
  }
}

let loading: Promise<GatewayBrowserDeviceIdentity> | undefined;

/**
 * The identity, read (or made) once per page: early-start.ts starts it before the bundle has
 * finished evaluating, and the session's start then finds it ready.
 */
export function loadDeviceIdentity(): Promise<GatewayBrowserDeviceIdentity> {
  loading ??= readOrCreateIdentity();
  return loading;
}

async function readOrCreateIdentity(): Promise<GatewayBrowserDeviceIdentity> {
  if (!globalThis.isSecureContext || globalThis.crypto?.subtle === undefined) throw new SecureContextRequiredError();
  const keys = await storedKeyPair() ?? (await createKeyPair());
  const rawPublicKey = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
  const deviceId = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', rawPublicKey)));
  return {
    deviceId,
    publicKey: base64Url(rawPublicKey),
    sign: async (payload) => base64Url(new Uint8Array(await crypto.subtle.sign('Ed25519', keys.privateKey, new TextEncoder().encode(payload)))),
  };
}

async function storedKeyPair(): Promise<CryptoKeyPair | undefined> {
  const stored = await keyValueStore.get(KEY_PAIR);
  if (stored !== null && typeof stored === 'object' && 'privateKey' in stored && 'publicKey' in stored) {
    const { privateKey, publicKey } = stored as CryptoKeyPair;
    if (privateKey instanceof CryptoKey && publicKey instanceof CryptoKey) return { privateKey, publicKey };
  }
  return undefined;
}

async function createKeyPair(): Promise<CryptoKeyPair> {
  // Not extractable: script on this origin can sign with the private key but never read it.
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  await keyValueStore.set(KEY_PAIR, pair);
  return pair;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
