import { isPlainObject } from './object-paths.js';
import type { GatehouseConfig } from './schema/root.js';

// config.md §1.4: the SecretRef shape and how a ref finds its provider.

export const REDACTED_SENTINEL = '__OPENCLAW_REDACTED__';

export type SecretSource = 'env' | 'file' | 'exec' | 'store';

export interface SecretRef {
  source: SecretSource;
  provider?: string;
  id: string;
}

export const ENV_REF_ID = /^[A-Z][A-Z0-9_]{0,127}$/;
export const FILE_REF_ID = /^(value|\/.*)$/;

export function isSecretRef(value: unknown): value is SecretRef {
  return (
    isPlainObject(value) &&
    typeof value.id === 'string' &&
    (value.source === 'env' || value.source === 'file' || value.source === 'exec' || value.source === 'store')
  );
}

/** `ref.provider`, else `secrets.defaults.<source>`, else `default`. */
export function providerAliasOf(ref: SecretRef, config: GatehouseConfig): string {
  return ref.provider ?? config.secrets?.defaults?.[ref.source] ?? 'default';
}

/**
 * True when a secret field holds a usable value. In a loaded config a secret that could not
 * be resolved is left as a SecretRef object saying where it should have come from.
 */
export function isResolvedSecret(value: unknown): value is string {
  return typeof value === 'string';
}

/** A resolved, non-blank secret, trimmed; undefined for a blank one or an unresolved SecretRef. */
export function resolvedSecretText(value: unknown): string | undefined {
  return isResolvedSecret(value) && value.trim().length > 0 ? value.trim() : undefined;
}
