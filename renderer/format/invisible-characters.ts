/**
 * Splits text into what a person can see and what they cannot: control characters, zero-width
 * and bidirectional formatting characters, and every space other than U+0020 become `hidden`
 * segments carrying a visible escape (`\u200B`, `\n`, `\u{E0041}`), so an approval prompt shows
 * exactly the code points a shell would receive ("Trojan Source", CVE-2021-42574).
 *
 * Pure (no DOM): the view renders the escapes in their own style, which is what tells them
 * apart from the same six characters typed literally.
 */

export type TextSegment =
  | { kind: 'text'; text: string }
  | {
      kind: 'hidden';
      codePoint: number;
      /** What to show instead: `\t`, `\n`, `\r`, `\uXXXX` or `\u{XXXXX}`. */
      escape: string;
      /** The Unicode name where it is well known, else `U+XXXX`. */
      name: string;
      /** A line break in the text: the view breaks the line after the escape too. */
      breaksLine: boolean;
    };

const shortEscapes: ReadonlyMap<number, string> = new Map([
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
]);

/** Names of the characters most often used to hide or reorder text. */
const knownNames: ReadonlyMap<number, string> = new Map([
  [0x00, 'NULL'],
  [0x09, 'CHARACTER TABULATION'],
  [0x0a, 'LINE FEED'],
  [0x0d, 'CARRIAGE RETURN'],
  [0x1b, 'ESCAPE'],
  [0x7f, 'DELETE'],
  [0xa0, 'NO-BREAK SPACE'],
  [0xad, 'SOFT HYPHEN'],
  [0x034f, 'COMBINING GRAPHEME JOINER'],
  [0x061c, 'ARABIC LETTER MARK'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x2007, 'FIGURE SPACE'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x202f, 'NARROW NO-BREAK SPACE'],
  [0x2060, 'WORD JOINER'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x2800, 'BRAILLE PATTERN BLANK'],
  [0x3000, 'IDEOGRAPHIC SPACE'],
  [0x3164, 'HANGUL FILLER'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
]);

/**
 * Other (control, format, surrogate, private use, unassigned), separators (every space and
 * line/paragraph separator), and default-ignorable code points (Hangul fillers, variation
 * selectors, tag characters): all of them either draw nothing, draw like a plain space, or
 * change how their neighbours are drawn.
 */
const hiddenPattern = /^[\p{C}\p{Z}\p{Default_Ignorable_Code_Point}]$/u;

/** Blank-looking symbols that belong to none of those classes. */
const blankSymbols: ReadonlySet<number> = new Set([0x2800]);

export function isHiddenCodePoint(codePoint: number): boolean {
  if (codePoint === 0x20) return false;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return true; // a lone surrogate
  if (blankSymbols.has(codePoint)) return true;
  return hiddenPattern.test(String.fromCodePoint(codePoint));
}

function hex(codePoint: number): string {
  return codePoint.toString(16).toUpperCase().padStart(4, '0');
}

export function escapeCodePoint(codePoint: number): string {
  const short = shortEscapes.get(codePoint);
  if (short !== undefined) return short;
  return codePoint <= 0xffff ? `\\u${hex(codePoint)}` : `\\u{${hex(codePoint)}}`;
}

export function codePointName(codePoint: number): string {
  return knownNames.get(codePoint) ?? `U+${hex(codePoint)}`;
}

/** The text as segments, in logical (typed) order; adjacent visible characters are merged. */
export function revealInvisibleCharacters(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let visible = '';
  // for…of walks code points, and hands lone surrogates over one at a time.
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (!isHiddenCodePoint(codePoint)) {
      visible += character;
      continue;
    }
    if (visible !== '') segments.push({ kind: 'text', text: visible });
    visible = '';
    segments.push({
      kind: 'hidden',
      codePoint,
      escape: escapeCodePoint(codePoint),
      name: codePointName(codePoint),
      breaksLine: codePoint === 0x0a || codePoint === 0x2028 || codePoint === 0x2029,
    });
  }
  if (visible !== '') segments.push({ kind: 'text', text: visible });
  return segments;
}

export function countHidden(segments: readonly TextSegment[]): number {
  return segments.reduce((count, segment) => count + (segment.kind === 'hidden' ? 1 : 0), 0);
}
