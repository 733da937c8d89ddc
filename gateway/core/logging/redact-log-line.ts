/**
 * Redaction of a finished log line, just before it reaches the file and the console.
 *
 * It works on the line pino has serialised (pino's `hooks.streamWrite`) rather than on the
 * objects handed to the logger, because only the finished line holds everything in one place:
 * the interpolated message, serialised errors (message, stack, causes) and the bindings of
 * child loggers, which pino's `formatters.bindings` does not reach.
 *
 * - values under secret-named keys, at any depth → '[redacted]';
 * - every other string value (msg included) → the text masker (secret patterns).
 */
import type { TextMasker } from './mask-secrets-in-text.js';

export const REDACTED = '[redacted]';

/**
 * A key is secret when its normalised name (lower case, no `-`/`_`/`.`) ENDS in one of these.
 * Ending, not containing: `authToken`, `x-api-key`, `client_secret` and `proxy-authorization`
 * are secret, while `maxTokens`, `contextTokens`, `tokenCount` and `secretRef` are not.
 */
const SECRET_KEY_ENDINGS = [
  'token',
  'secret',
  'secretkey',
  'accesskey',
  'password',
  'passwd',
  'passphrase',
  'apikey',
  'privatekey',
  'authorization',
  'cookie',
  'credential',
  'credentials',
] as const;

export function isSecretKeyName(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_.\s]/g, '');
  return SECRET_KEY_ENDINGS.some((ending) => normalised.endsWith(ending));
}

export type LogLineRedactor = (line: string) => string;

/** Takes and returns one newline-terminated JSON line. */
export function createLogLineRedactor(maskText: TextMasker): LogLineRedactor {
  function redactValue(value: unknown): unknown {
    if (typeof value === 'string') return maskText(value);
    if (Array.isArray(value)) return value.map(redactValue);
    if (typeof value !== 'object' || value === null) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      copy[key] = isSecretKeyName(key) && !isHarmless(child) ? REDACTED : redactValue(child);
    }
    return copy;
  }

  return (line) => {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      // pino always emits JSON; should that ever fail, masking the raw text still hides secrets.
      return maskText(line);
    }
    return `${JSON.stringify(redactValue(record))}\n`;
  };
}

/**
 * `{ token: null }` or `{ hasToken: false }` tells a reader "no token configured" without
 * revealing anything, so those stay readable.
 */
function isHarmless(value: unknown): boolean {
  return value === null || typeof value === 'boolean';
}
