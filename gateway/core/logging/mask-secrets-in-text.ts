/**
 * Masks secrets found by regular expressions inside a piece of text.
 *
 * Masking rule (config spec §7): a secret of 18+ characters keeps its first 6 and last 4
 * characters (`sk-pro…cdef`) so people can still tell which key was used; anything shorter
 * becomes `***`.
 */

const MIN_LENGTH_TO_KEEP_ENDS = 18;
const KEEP_START = 6;
const KEEP_END = 4;

export function maskSecret(secret: string): string {
  if (secret.length < MIN_LENGTH_TO_KEEP_ENDS) return '***';
  return `${secret.slice(0, KEEP_START)}…${secret.slice(-KEEP_END)}`;
}

export type TextMasker = (text: string) => string;

interface SecretSpan {
  start: number;
  end: number;
}

/**
 * Builds a masker over compiled patterns (see secret-patterns.ts; each must carry the `g` and
 * `d` flags). All patterns are matched against the ORIGINAL text and overlapping hits are
 * merged before masking, so a value caught by two patterns (say `Authorization: Bearer sk-…`)
 * is masked once, and no pattern ever re-matches the output of another.
 */
export function createTextMasker(patterns: readonly RegExp[]): TextMasker {
  return (text) => {
    if (text.length === 0) return text;
    const spans = mergeOverlapping(patterns.flatMap((pattern) => findSecretSpans(text, pattern)));
    if (spans.length === 0) return text;
    let masked = '';
    let copiedUpTo = 0;
    for (const span of spans) {
      masked += text.slice(copiedUpTo, span.start) + maskSecret(text.slice(span.start, span.end));
      copiedUpTo = span.end;
    }
    return masked + text.slice(copiedUpTo);
  };
}

function findSecretSpans(text: string, pattern: RegExp): SecretSpan[] {
  const spans: SecretSpan[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      // A pattern that can match nothing (a user's `a*`) would otherwise loop forever.
      pattern.lastIndex += 1;
      continue;
    }
    spans.push(secretPartOf(match));
    if (!pattern.global) break;
  }
  return spans;
}

/** The last non-empty capture group when there is one, else the whole match. */
function secretPartOf(match: RegExpExecArray): SecretSpan {
  const groupIndices = match.indices ?? [];
  for (let group = match.length - 1; group >= 1; group -= 1) {
    const range = groupIndices[group];
    if (range && range[1] > range[0]) return { start: range[0], end: range[1] };
  }
  return { start: match.index, end: match.index + match[0].length };
}

function mergeOverlapping(spans: SecretSpan[]): SecretSpan[] {
  if (spans.length <= 1) return spans;
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretSpan[] = [];
  for (const span of sorted) {
    const previous = merged.at(-1);
    if (previous && span.start < previous.end) {
      previous.end = Math.max(previous.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}
