/**
 * DeviceIdentityStore: this installation's device identity (an Ed25519 key pair, created on
 * first run) and the device tokens gateways issued to it.
 *
 * Files live in a directory handed in (the app's userData, a temp dir in tests), 0600 inside a
 * 0700 directory:
 *   device-identity.json  deviceId and public key in the clear, the private key sealed
 *   device-tokens.json    the token list, sealed
 * "Sealed" means encrypted through the SecretBox (Electron's safeStorage) when encryption is
 * available. When it is not, the store still works but keeps the secrets as plain text and says
 * so (`encryption: 'unavailable'`) so the UI can warn; they are encrypted on the first run where
 * encryption is available.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import Type from 'typebox';
import { compileSchema } from '../../shared/protocol/validate.js';
import { assertConsistent, generateDeviceKeyPair, publicKeyRawBase64Url, signPayload, type DeviceKeyPair } from './device-key-pair.js';
import { DeviceTokenStore, type DeviceTokenKey, type StoredDeviceToken } from './device-token-store.js';
import { readPrivateFile, writePrivateFile } from './private-file.js';
import type { SecretBox, SecretEncryption } from './secret-box.js';
import { seal, SealedValueError, SealedValueSchema, unseal } from './sealed-value.js';

export const IDENTITY_FILE = 'device-identity.json';
export const TOKENS_FILE = 'device-tokens.json';

const identityFile = compileSchema(
  Type.Object({
    format: Type.Literal('gatehouse-device-identity'),
    version: Type.Literal(1),
    deviceId: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    publicKeyPem: Type.String({ minLength: 1 }),
    createdAtMs: Type.Integer({ minimum: 0 }),
    privateKey: SealedValueSchema,
  }),
);

/**
 * Why the identity could not be loaded. The store never replaces an identity it cannot read on
 * its own (that would silently unpair this device everywhere); the app decides, e.g. by
 * offering `resetDeviceIdentity()`.
 * - `locked`        encrypted, and encryption is not available right now (keychain locked/absent)
 * - `undecryptable` encryption is available but this data does not decrypt (keychain changed)
 * - `corrupt`       the file is not a valid identity
 */
export class DeviceIdentityError extends Error {
  constructor(
    readonly code: 'locked' | 'undecryptable' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'DeviceIdentityError';
  }
}

export interface DeviceIdentityStoreOptions {
  dir: string;
  secretBox: SecretBox;
  now?: () => number;
  /** Told about recoverable problems (e.g. an unreadable token file). Never given secrets. */
  onWarning?: (message: string) => void;
}

export class DeviceIdentityStore {
  readonly deviceId: string;
  readonly publicKeyPem: string;
  /** The raw public key, base64url: what goes on the wire as `device.publicKey`. */
  readonly publicKeyRawBase64Url: string;
  readonly createdAtMs: number;
  readonly encryption: SecretEncryption;
  /** True on the run that created the identity. */
  readonly created: boolean;
  readonly #privateKeyPem: string;
  readonly #privateKey: KeyObject;
  readonly #tokens: DeviceTokenStore;

  private constructor(pair: DeviceKeyPair, privateKey: KeyObject, createdAtMs: number, created: boolean, encryption: SecretEncryption, tokens: DeviceTokenStore) {
    this.deviceId = pair.deviceId;
    this.publicKeyPem = pair.publicKeyPem;
    this.publicKeyRawBase64Url = publicKeyRawBase64Url(pair.publicKeyPem);
    this.#privateKeyPem = pair.privateKeyPem;
    this.#privateKey = privateKey;
    this.createdAtMs = createdAtMs;
    this.created = created;
    this.encryption = encryption;
    this.#tokens = tokens;
  }

  /** Loads the identity, creating it on first run. Throws DeviceIdentityError if it exists but cannot be used. */
  static open(options: DeviceIdentityStoreOptions): DeviceIdentityStore {
    const { dir, secretBox } = options;
    const now = options.now ?? Date.now;
    const encrypt = secretBox.isEncryptionAvailable();
    const encryption: SecretEncryption = encrypt ? 'encrypted' : 'unavailable';
    const file = join(dir, IDENTITY_FILE);

    let pair: DeviceKeyPair;
    let createdAtMs: number;
    let created = false;
    const text = readPrivateFile(file);
    if (text === undefined) {
      pair = generateDeviceKeyPair();
      createdAtMs = now();
      created = true;
      writeIdentity(file, pair, createdAtMs, secretBox, encrypt);
    } else {
      ({ pair, createdAtMs } = readIdentity(file, text, secretBox, encrypt));
    }
    let privateKey: KeyObject;
    try {
      privateKey = assertConsistent(pair);
    } catch (error) {
      throw new DeviceIdentityError('corrupt', `the device identity in ${file} is not usable: ${(error as Error).message}`);
    }
    const tokens = DeviceTokenStore.open({ file: join(dir, TOKENS_FILE), box: secretBox, encrypt, now, onProblem: options.onWarning ?? (() => {}) });
    return new DeviceIdentityStore(pair, privateKey, createdAtMs, created, encryption, tokens);
  }

  /** What the reference GatewayClient takes as `deviceIdentity`. Main process only: it holds the private key. */
  get clientIdentity(): { deviceId: string; publicKeyPem: string; privateKeyPem: string } {
    return { deviceId: this.deviceId, publicKeyPem: this.publicKeyPem, privateKeyPem: this.#privateKeyPem };
  }

  /** Ed25519 signature of the UTF-8 payload, base64url (spec §9.3). */
  sign(payload: string): string {
    return signPayload(this.#privateKey, payload);
  }

  loadToken(key: DeviceTokenKey): StoredDeviceToken | null {
    return this.#tokens.load(key);
  }

  storeToken(key: DeviceTokenKey, token: string, scopes: readonly string[]): void {
    this.#tokens.store(key, token, scopes);
  }

  clearToken(key: DeviceTokenKey): void {
    this.#tokens.clear(key);
  }
}

/** Forgets this device: the next open() creates a new identity, which must be paired again. */
export function resetDeviceIdentity(dir: string): void {
  rmSync(join(dir, IDENTITY_FILE), { force: true });
  rmSync(join(dir, TOKENS_FILE), { force: true });
}

function readIdentity(file: string, text: string, box: SecretBox, encrypt: boolean): { pair: DeviceKeyPair; createdAtMs: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DeviceIdentityError('corrupt', `${file} is not JSON (${(error as Error).message})`);
  }
  if (!identityFile.check(parsed)) throw new DeviceIdentityError('corrupt', `${file} is not a device identity: ${identityFile.firstError(parsed)}`);
  let privateKeyPem: string;
  try {
    privateKeyPem = unseal(parsed.privateKey, box, encrypt);
  } catch (error) {
    if (error instanceof SealedValueError) {
      throw new DeviceIdentityError(error.reason, `the device key in ${file} cannot be used: ${error.message}. Unlock the keychain and restart, or reset the device identity and pair this device again`);
    }
    throw error;
  }
  const pair = { deviceId: parsed.deviceId, publicKeyPem: parsed.publicKeyPem, privateKeyPem };
  // Kept in plain text while encryption was unavailable; it is available now.
  if (encrypt && parsed.privateKey.sealing === 'plaintext') writeIdentity(file, pair, parsed.createdAtMs, box, encrypt);
  return { pair, createdAtMs: parsed.createdAtMs };
}

function writeIdentity(file: string, pair: DeviceKeyPair, createdAtMs: number, box: SecretBox, encrypt: boolean): void {
  const document = {
    format: 'gatehouse-device-identity',
    version: 1,
    deviceId: pair.deviceId,
    publicKeyPem: pair.publicKeyPem,
    createdAtMs,
    privateKey: seal(pair.privateKeyPem, box, encrypt),
  };
  writePrivateFile(file, `${JSON.stringify(document, null, 2)}\n`);
}
