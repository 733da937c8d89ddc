import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison that also hides the length of the configured secret. */
export function secretsEqual(provided: string, expected: string): boolean {
  const a = createHash('sha256').update(provided, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && provided.length === expected.length;
}

export type AuthMode = 'token' | 'password' | 'none' | 'trusted-proxy';

export type SharedSecretOutcome =
  | { kind: 'ok' }
  | { kind: 'missing' }
  | { kind: 'mismatch' }
  | { kind: 'not-configured' }
  | { kind: 'unsupported' };

export interface SharedSecretConfig {
  mode: AuthMode;
  token?: string;
  password?: string;
}

/** Spec §8.1: the mode decides which configured secret is compared; either field may carry it. */
export function checkSharedSecret(config: SharedSecretConfig, auth: { token?: string; password?: string }): SharedSecretOutcome {
  if (config.mode === 'none') return { kind: 'ok' };
  if (config.mode === 'trusted-proxy') return { kind: 'unsupported' };
  const expected = config.mode === 'token' ? config.token : config.password;
  if (!expected) return { kind: 'not-configured' };
  const candidates = config.mode === 'token' ? [auth.token, auth.password] : [auth.password, auth.token];
  const provided = candidates.filter((value): value is string => typeof value === 'string' && value !== '');
  if (provided.length === 0) return { kind: 'missing' };
  return provided.some((value) => secretsEqual(value, expected)) ? { kind: 'ok' } : { kind: 'mismatch' };
}
