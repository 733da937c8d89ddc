import { ConfigWriteError } from './errors.js';
import { joinTokens, quoteLike, tokenizeJson5 } from './json5-tokens.js';
import JSON5 from 'json5';
import { deepEqual, dotPath, getAt, isPlainObject, type PathSegment } from './object-paths.js';
import { REDACTED_SENTINEL } from './secret-refs.js';

// config.md §1.7: a redacted config.get must round-trip, so every `__OPENCLAW_REDACTED__`
// in a submission is put back from the current value at the same path.

export interface Restoration {
  value: unknown;
  /** The values put back, in the order their placeholders were visited. */
  restored: unknown[];
}

export function restoreRedactedValues(submitted: unknown, current: unknown, method: string): Restoration {
  const restored: unknown[] = [];
  const visit = (value: unknown, path: PathSegment[]): unknown => {
    if (value === REDACTED_SENTINEL) {
      const original = getAt(current, path);
      if (original === undefined || original === REDACTED_SENTINEL) {
        throw new ConfigWriteError(
          'INVALID_REQUEST',
          `${method}: ${dotPath(path)} is "${REDACTED_SENTINEL}" but the current config has no value there to restore; send the real value`,
          { path: dotPath(path) },
        );
      }
      restored.push(original);
      return original;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) copy[key] = visit(child, [...path, key]);
      return copy;
    }
    return value;
  };
  return { value: visit(submitted, []), restored };
}

/**
 * The submitted text with its placeholders replaced in place (comments and layout kept), or
 * null when that text would not parse to `expected` — the caller then writes plain JSON.
 */
export function restoreRedactedText(raw: string, restoration: Restoration, expected: unknown): string | null {
  if (restoration.restored.length === 0) return raw;
  const queue = [...restoration.restored];
  const tokens = tokenizeJson5(raw).map((token) => {
    if (token.kind !== 'string' || queue.length === 0) return token;
    let decoded: unknown;
    try {
      decoded = JSON5.parse(token.text);
    } catch {
      return token;
    }
    if (decoded !== REDACTED_SENTINEL) return token;
    const original = queue.shift();
    return { ...token, text: typeof original === 'string' ? quoteLike(token.text, original) : JSON.stringify(original) };
  });
  const text = joinTokens(tokens);
  try {
    return deepEqual(JSON5.parse(text), expected) ? text : null;
  } catch {
    return null;
  }
}
