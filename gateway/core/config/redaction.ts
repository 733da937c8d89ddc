import { isExactEnvReference } from './env-substitution.js';
import { isPlainObject, type PathSegment } from './object-paths.js';
import { findSecretValues } from './schema-annotations.js';
import { REDACTED_SENTINEL, isSecretRef } from './secret-refs.js';

// config.md §1.7: what config.get hides. Schema-secret fields plus any key that looks like a
// credential; a value that is exactly `${NAME}` names a variable and stays visible; in a
// SecretRef only the `id` is hidden.

const SECRET_KEY_PATTERNS = [/token$/i, /password/i, /secret/i, /api.?key/i, /private.?key/i];
const NOT_SECRET_KEYS = /(maxTokens|contextTokens|tokenCount|tokenLimit|tokenBudget|passwordFile)$/i;

export function isSecretKey(key: string): boolean {
  return !NOT_SECRET_KEYS.test(key) && SECRET_KEY_PATTERNS.some((pattern) => pattern.test(key));
}

function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path);
}

function redactSecretValue(value: unknown): unknown {
  if (typeof value === 'string') return isExactEnvReference(value) ? value : REDACTED_SENTINEL;
  if (isSecretRef(value)) return { ...value, id: REDACTED_SENTINEL };
  return value;
}

/** A copy of a config value with every secret replaced by `__OPENCLAW_REDACTED__`. */
export function redactConfigValue(value: unknown): unknown {
  const schemaSecrets = new Set(findSecretValues(value).map((found) => pathKey(found.path)));
  const visit = (current: unknown, path: PathSegment[], secretByKey: boolean): unknown => {
    if (secretByKey || schemaSecrets.has(pathKey(path))) {
      if (typeof current === 'string' || isSecretRef(current)) return redactSecretValue(current);
    }
    if (Array.isArray(current)) return current.map((item, index) => visit(item, [...path, index], false));
    if (isPlainObject(current)) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(current)) copy[key] = visit(child, [...path, key], isSecretKey(key));
      return copy;
    }
    return current;
  };
  return visit(value, [], false);
}

/** The original strings that redaction hid, found by comparing a value with its redacted copy. */
export function hiddenSecretStrings(original: unknown, redacted: unknown): Set<string> {
  const hidden = new Set<string>();
  const visit = (a: unknown, b: unknown) => {
    if (b === REDACTED_SENTINEL && typeof a === 'string' && a !== REDACTED_SENTINEL) hidden.add(a);
    else if (Array.isArray(a) && Array.isArray(b)) a.forEach((item, index) => visit(item, b[index]));
    else if (isPlainObject(a) && isPlainObject(b)) for (const key of Object.keys(a)) visit(a[key], b[key]);
  };
  visit(original, redacted);
  return hidden;
}
