/**
 * The regular expressions that find secrets inside free text (log messages, string values).
 *
 * Pattern strings use the `logging.redactPatterns` syntax from the config spec (§7): a bare
 * regex source is compiled with `gi`; `/source/flags` keeps its own flags. When a pattern has
 * capture groups, only the last non-empty group is masked, so `Bearer abc…` keeps the word
 * "Bearer" and an `API_KEY=` assignment keeps its name.
 */

/**
 * Default list for `logging.redactPatterns`. A configured list replaces this one entirely
 * (spec §7), so it holds only the "well-known token shapes"; the protections that must survive
 * a custom list live in STRUCTURAL_SECRET_PATTERNS.
 */
export const DEFAULT_REDACT_PATTERNS: readonly string[] = [
  // ENV-style assignments: OPENAI_API_KEY=…, GATEHOUSE_TOKEN: "…". Upper case only, so prose
  // like "monkey: banana" is left alone.
  String.raw`/\b[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD)\b\s*[=:]\s*(["']?)([^\s"'\\]+)\1/g`,
  // CLI flags: --token abc, --api-key=abc.
  String.raw`--(?:api[-_]?key|token|secret|password|passwd)(?:\s+|=)(["']?)([^\s"']+)\1`,
  // Bearer credentials wherever they appear (headers, curl lines, error messages).
  String.raw`\bBearer\s+([A-Za-z0-9._~+/-]+=*)`,
  // PEM private keys.
  String.raw`/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g`,
  // Provider API keys: OpenAI / Anthropic / OpenRouter (sk-…), GitHub, Slack, Google, Groq,
  // Perplexity, npm.
  String.raw`\bsk-[A-Za-z0-9_-]{8,}`,
  String.raw`\bgh[pousr]_[A-Za-z0-9]{20,}`,
  String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
  String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`,
  String.raw`\bxapp-[A-Za-z0-9-]{10,}`,
  String.raw`/\bAIza[0-9A-Za-z_-]{20,}/g`,
  String.raw`\bgsk_[A-Za-z0-9_-]{10,}`,
  String.raw`\bpplx-[A-Za-z0-9_-]{10,}`,
  String.raw`\bnpm_[A-Za-z0-9]{10,}`,
  // Telegram bot tokens (123456789:AA…).
  String.raw`\b\d{6,}:[A-Za-z0-9_-]{20,}`,
  // JSON Web Tokens.
  String.raw`/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g`,
  // 32 random bytes in base64url (43 chars) is how gateway and device tokens are minted.
  String.raw`(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])`,
];

/**
 * Always applied, whatever `logging.redactPatterns` says: the spec keeps structural
 * protections (auth headers, form bodies) on even when the user replaces the default list.
 * Key names mirror the structural key rule in redact-log-record.ts; each name must END in the
 * secret word, so `max_tokens=` and `"maxTokens":` are not touched.
 */
export const STRUCTURAL_SECRET_PATTERNS: readonly string[] = [
  // Authorization / Proxy-Authorization header values, with or without a scheme word.
  String.raw`\b(?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|digest|token)\s+)?([^\s"',;]+)`,
  // Cookie headers carry session credentials.
  String.raw`\b(?:set-)?cookie\s*:\s*([^\r\n]+)`,
  // Form bodies and query strings: token=…, client_secret=…, x-api-key=…
  String.raw`(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*?(?:token|secret|password|passwd|passphrase|api[_-]?key)=([^&\s#;"']+)`,
  // JSON text embedded in a string: "apiKey": "…", "refresh_token":"…"
  String.raw`"[A-Za-z0-9_-]*?(?:token|secret|password|passwd|passphrase|api[_-]?key|authorization|private[_-]?key|cookie)"\s*:\s*"((?:[^"\\]|\\.)*)"`,
];

/** Marks a `logging.redactPatterns` entry that cannot be compiled. */
export class InvalidRedactPatternError extends Error {
  override readonly name = 'InvalidRedactPatternError';
}

const SLASH_FORM = /^\/(.+)\/([a-z]*)$/s;

/**
 * Compiles one pattern string. `g` is always added (every occurrence is masked) and `d` too
 * (the masker needs group offsets to mask only the secret part of a match).
 * Returns undefined for a blank entry; throws InvalidRedactPatternError for a broken one, so
 * a config validator can reuse this and report the entry by index.
 */
export function parseRedactPattern(pattern: string): RegExp | undefined {
  if (pattern.trim() === '') return undefined;
  const slashForm = SLASH_FORM.exec(pattern);
  const source = slashForm?.[1] ?? pattern;
  const flags = slashForm ? (slashForm[2] ?? '') : 'gi';
  const uniqueFlags = [...new Set(`${flags}gd`)].join('');
  try {
    return new RegExp(source, uniqueFlags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidRedactPatternError(`redact pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${reason}`);
  }
}

/**
 * The full set of patterns a logger applies: the structural ones plus either the configured
 * list or, when none is configured, DEFAULT_REDACT_PATTERNS.
 */
export function compileSecretPatterns(configured: readonly string[] | undefined): RegExp[] {
  const structural = STRUCTURAL_SECRET_PATTERNS.map((pattern) => parseRedactPattern(pattern));
  const replaceable = (configured ?? DEFAULT_REDACT_PATTERNS).map((pattern, index) => {
    try {
      return parseRedactPattern(pattern);
    } catch (error) {
      if (configured === undefined || !(error instanceof InvalidRedactPatternError)) throw error;
      throw new InvalidRedactPatternError(`logging.redactPatterns[${index}]: ${error.message}`);
    }
  });
  return [...structural, ...replaceable].filter((regex): regex is RegExp => regex !== undefined);
}
