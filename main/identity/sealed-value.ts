/**
 * A secret as stored in a JSON file: either encrypted by the SecretBox (base64 ciphertext) or,
 * when no encryption is available, the plain value, marked as such so it is never mistaken for
 * protected data and can be encrypted as soon as encryption becomes available.
 */
import Type, { type Static } from 'typebox';
import type { SecretBox } from './secret-box.js';

export const SealedValueSchema = Type.Union([
  Type.Object({ sealing: Type.Literal('encrypted'), ciphertext: Type.String({ minLength: 1 }) }),
  Type.Object({ sealing: Type.Literal('plaintext'), value: Type.String() }),
]);
export type SealedValue = Static<typeof SealedValueSchema>;

export class SealedValueError extends Error {
  constructor(
    readonly reason: 'locked' | 'undecryptable',
    message: string,
  ) {
    super(message);
    this.name = 'SealedValueError';
  }
}

export function seal(text: string, box: SecretBox, encrypt: boolean): SealedValue {
  if (!encrypt) return { sealing: 'plaintext', value: text };
  return { sealing: 'encrypted', ciphertext: box.encrypt(text).toString('base64') };
}

export function unseal(sealed: SealedValue, box: SecretBox, encryptionAvailable: boolean): string {
  if (sealed.sealing === 'plaintext') return sealed.value;
  if (!encryptionAvailable) throw new SealedValueError('locked', 'it is encrypted, and encryption (the system keychain) is not available now');
  try {
    return box.decrypt(Buffer.from(sealed.ciphertext, 'base64'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SealedValueError('undecryptable', `it could not be decrypted (${why}); the system keychain may have changed`);
  }
}
