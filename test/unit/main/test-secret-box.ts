import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../../main/identity/secret-box.js';

/** Stands in for Electron's safeStorage: real AES-256-GCM under a key that lives as long as the box. */
export function testSecretBox(key = randomBytes(32)): SecretBox & { key: Buffer } {
  return {
    key,
    isEncryptionAvailable: () => true,
    encrypt(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** safeStorage on a system without a keychain. */
export const noEncryptionBox: SecretBox = {
  isEncryptionAvailable: () => false,
  encrypt: () => {
    throw new Error('encryption is not available');
  },
  decrypt: () => {
    throw new Error('encryption is not available');
  },
};
