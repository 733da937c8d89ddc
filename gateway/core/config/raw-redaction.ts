import JSON5 from 'json5';
import { joinTokens, quoteLike, tokenizeJson5, type Json5Token } from './json5-tokens.js';
import { deepEqual } from './object-paths.js';
import { hiddenSecretStrings, redactConfigValue } from './redaction.js';
import { REDACTED_SENTINEL } from './secret-refs.js';

// config.md §1.7: config.get's `raw` is the file text with secrets replaced in place, so
// comments and layout survive. If the replaced text would not parse back to the redacted
// config (a secret that also appears as a key or in some other value), it is not offered.

/** Secrets this short are only replaced as whole string literals, never inside comments. */
const MIN_COMMENT_SECRET_LENGTH = 4;

function decodeStringToken(token: string): string | undefined {
  try {
    const value: unknown = JSON5.parse(token);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function redactToken(token: Json5Token, secrets: ReadonlySet<string>): Json5Token {
  if (token.kind === 'string') {
    const value = decodeStringToken(token.text);
    return value !== undefined && secrets.has(value) ? { kind: 'string', text: quoteLike(token.text, REDACTED_SENTINEL) } : token;
  }
  if (token.kind === 'comment') {
    let text = token.text;
    for (const secret of secrets) {
      if (secret.length >= MIN_COMMENT_SECRET_LENGTH) text = text.split(secret).join(REDACTED_SENTINEL);
    }
    return { kind: 'comment', text };
  }
  return token;
}

/** The file text with every secret value replaced, or null if that cannot be done faithfully. */
export function redactRawText(raw: string, authored: unknown): string | null {
  const redacted = redactConfigValue(authored);
  const secrets = hiddenSecretStrings(authored, redacted);
  const text = joinTokens(tokenizeJson5(raw).map((token) => redactToken(token, secrets)));
  try {
    return deepEqual(JSON5.parse(text), redacted) ? text : null;
  } catch {
    return null;
  }
}
