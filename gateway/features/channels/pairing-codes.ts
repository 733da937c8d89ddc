import { randomInt } from 'node:crypto';

// Research note §3 (OpenClaw src/pairing/pairing-store.ts): 8 characters without look-alikes
// (no 0/O, 1/I), valid one hour, at most three pending per account.

export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 60 * 60 * 1000;
export const PAIRING_MAX_PENDING_PER_ACCOUNT = 3;

export function generatePairingCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i += 1) code += PAIRING_CODE_ALPHABET[random(PAIRING_CODE_ALPHABET.length)];
  return code;
}

/** Codes are typed by people: accept lower case and surrounding spaces. */
export function normalisePairingCode(value: string): string {
  return value.trim().toUpperCase();
}

export function isPairingCode(value: string): boolean {
  return value.length === PAIRING_CODE_LENGTH && [...value].every((char) => PAIRING_CODE_ALPHABET.includes(char));
}
