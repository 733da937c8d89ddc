/**
 * Reads one command (a span the shell parser found) as plain simple commands made only of
 * literal words, joined by `&&`, `||` or `|`. It accepts a deliberately tiny language: safe
 * unquoted characters, backslash escapes, '…' and "…" without expansions. Everything else the
 * shell could expand, redirect, group or run is refused with the reason a person will see.
 */

export interface WordPart {
  /** Span in the source, quotes included. */
  start: number;
  end: number;
}

export interface LiteralWord {
  /** The word as the program receives it: quotes and escapes resolved. */
  value: string;
  start: number;
  end: number;
  parts: WordPart[];
  /** Has an unquoted `=`: bash then expands a `~` after it or after a `:`, as in an assignment. */
  unquotedEquals: boolean;
}

export interface LiteralSegment {
  words: LiteralWord[];
  start: number;
  end: number;
}

export type LiteralRead = { ok: true; segments: LiteralSegment[] } | { ok: false; reason: string };

/** Characters that mean nothing to the shell outside quotes. */
const PLAIN = /^[A-Za-z0-9_\-./,:@%+=^]$/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function expansionReason(source: string, dollar: number): string {
  const rest = source.slice(dollar + 1);
  if (rest.startsWith('((')) return 'arithmetic expansion $((…))';
  if (rest.startsWith('(')) return 'command substitution $(…)';
  if (rest.startsWith('{')) return 'parameter expansion ${…}';
  if (rest.startsWith("'")) return "ANSI-C quoting $'…'";
  if (rest.startsWith('"')) return 'locale quoting $"…"';
  if (rest.startsWith('[')) return 'arithmetic expansion $[…]';
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? /^[0-9@*#?$!-]/.exec(rest)?.[0];
  return name === undefined ? 'dollar sign $' : `variable expansion $${name}`;
}

function characterReason(source: string, index: number, wordStart: boolean, afterAssign: boolean): string | undefined {
  const char = source[index]!;
  switch (char) {
    case '$':
      return expansionReason(source, index);
    case '`':
      return 'command substitution `…`';
    case '<':
    case '>':
      return source[index + 1] === '(' ? `process substitution ${char}(…)` : `redirection ${char}`;
    case '(':
    case ')':
      return 'subshell or function definition ( … )';
    case '{':
    case '}':
      return 'brace group or brace expansion { … }';
    case '*':
    case '?':
    case '[':
    case ']':
      return `glob pattern ${char}`;
    case '!':
      return 'negation or history expansion !';
    case '#':
      return wordStart ? 'comment #' : undefined;
    case '~':
      return wordStart || afterAssign ? 'tilde expansion ~' : undefined;
    case '&':
      return 'runs in the background &';
    case ';':
      return 'compound command (a list inside a command)';
    default:
      if (PLAIN.test(char) || LETTER_OR_DIGIT.test(char)) return undefined;
      return `unusual character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

/** Reads a "…" string starting at `open`; returns its value and the index after it, or a reason. */
function readDoubleQuoted(source: string, open: number, end: number): { value: string; next: number } | { reason: string } {
  let value = '';
  for (let i = open + 1; i < end; i++) {
    const char = source[i]!;
    if (char === '"') return { value, next: i + 1 };
    if (char === '$') return { reason: `${expansionReason(source, i)} inside "…"` };
    if (char === '`') return { reason: 'command substitution `…` inside "…"' };
    if (char === '\\') {
      const escaped = source[i + 1];
      if (escaped === '\n') return { reason: 'line continuation \\ inside "…"' };
      if (escaped === '"' || escaped === '\\' || escaped === '$' || escaped === '`') {
        value += escaped;
        i++;
        continue;
      }
    }
    value += char;
  }
  return { reason: 'unterminated "…"' };
}

export function readLiteralCommands(source: string, start: number, end: number): LiteralRead {
  const segments: LiteralSegment[] = [];
  let words: LiteralWord[] = [];
  let segmentStart = start;
  let word: LiteralWord | undefined;
  let literalPart: WordPart | undefined;

  const endWord = (at: number): void => {
    if (literalPart) literalPart.end = at;
    if (word) {
      word.end = at;
      words.push(word);
    }
    word = undefined;
    literalPart = undefined;
  };
  const endSegment = (at: number, operator: string): string | undefined => {
    endWord(at);
    if (words.length === 0) return `empty command before ${operator}`;
    segments.push({ words, start: segmentStart, end: at });
    words = [];
    return undefined;
  };

  for (let i = start; i < end; i++) {
    const char = source[i]!;
    if (char === ' ' || char === '\t' || char === '\n') {
      endWord(i);
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '&&' || two === '||' || (char === '|' && two !== '|&')) {
      const problem = endSegment(i, char === '|' && two !== '||' ? '|' : two);
      if (problem) return { ok: false, reason: problem };
      i += two === '&&' || two === '||' ? 1 : 0;
      segmentStart = i + 1;
      continue;
    }
    if (two === '|&') return { ok: false, reason: 'pipes standard error too |&' };
    word ??= { value: '', start: i, end: i, parts: [], unquotedEquals: false };
    if (char === "'") {
      if (literalPart) literalPart.end = i;
      literalPart = undefined;
      const close = source.indexOf("'", i + 1);
      if (close === -1 || close >= end) return { ok: false, reason: "unterminated '…'" };
      word.value += source.slice(i + 1, close);
      word.parts.push({ start: i, end: close + 1 });
      i = close;
      continue;
    }
    if (char === '"') {
      if (literalPart) literalPart.end = i;
      literalPart = undefined;
      const read = readDoubleQuoted(source, i, end);
      if ('reason' in read) return { ok: false, reason: read.reason };
      word.value += read.value;
      word.parts.push({ start: i, end: read.next });
      i = read.next - 1;
      continue;
    }
    if (!literalPart) {
      literalPart = { start: i, end: i };
      word.parts.push(literalPart);
    }
    if (char === '\\') {
      const escaped = source[i + 1];
      if (escaped === undefined || i + 1 >= end) return { ok: false, reason: 'trailing backslash' };
      if (escaped === '\n') return { ok: false, reason: 'line continuation \\' };
      word.value += escaped;
      i++;
      continue;
    }
    const wordStart = word.value === '' && word.parts.length === 1 && literalPart.start === i;
    const previous = source[i - 1];
    const afterAssign = word.unquotedEquals && (previous === '=' || previous === ':');
    const problem = characterReason(source, i, wordStart, afterAssign);
    if (problem) return { ok: false, reason: problem };
    if (char === '=') word.unquotedEquals = true;
    word.value += char;
  }
  const problem = endSegment(end, 'the end');
  if (problem) return { ok: false, reason: problem };
  return { ok: true, segments };
}
