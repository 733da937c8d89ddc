/**
 * Encryption at rest for the device key and device tokens. Electron's `safeStorage` implements
 * it in the app (see the report on wiring: on Linux its `basic_text` backend is not real
 * encryption and should count as unavailable); tests hand in their own.
 */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

/** Whether secrets on disk are encrypted by the SecretBox, or plain files readable by this user only. */
export type SecretEncryption = 'encrypted' | 'unavailable';
