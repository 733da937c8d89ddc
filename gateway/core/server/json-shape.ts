const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

export type JsonShapeProblem = 'too-deep' | 'too-many-values';

export interface JsonShapeLimits {
  maxDepth: number;
  maxValues: number;
}

/**
 * Looks at JSON text before JSON.parse does the work: nesting deeper than `maxDepth`, or more
 * than `maxValues` containers and separators, is refused. One pass over the structural bytes;
 * string contents are skipped with indexOf (memchr), so a frame that is mostly a long string (an
 * attachment) costs next to nothing, and a deep one is refused after `maxDepth` + 1 bytes.
 * Not a validator: malformed text passes through for JSON.parse to reject.
 */
export function jsonShapeProblem(bytes: Buffer, limits: JsonShapeLimits): JsonShapeProblem | undefined {
  let depth = 0;
  let values = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === QUOTE) {
      index = closingQuote(bytes, index);
      if (index < 0) return undefined; // unterminated: JSON.parse rejects it
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      values += 1;
      if (depth > limits.maxDepth) return 'too-deep';
      if (values > limits.maxValues) return 'too-many-values';
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    } else if (byte === COMMA) {
      values += 1;
      if (values > limits.maxValues) return 'too-many-values';
    }
  }
  return undefined;
}

/** The index of the quote that ends the string opened at `open`, or -1. */
function closingQuote(bytes: Buffer, open: number): number {
  let at = open;
  for (;;) {
    at = bytes.indexOf(QUOTE, at + 1);
    if (at < 0) return -1;
    // A quote preceded by an odd run of backslashes is escaped. Each run is counted once.
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}
