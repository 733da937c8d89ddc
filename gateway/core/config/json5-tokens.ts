// A minimal JSON5 lexer: enough to find string literals and comments in a config file so
// they can be rewritten textually while everything else (layout, other comments) stays.

export type Json5Token =
  | { kind: 'string'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'other'; text: string };

export function tokenizeJson5(source: string): Json5Token[] {
  const tokens: Json5Token[] = [];
  let other = '';
  let index = 0;
  const flushOther = () => {
    if (other !== '') tokens.push({ kind: 'other', text: other });
    other = '';
  };
  while (index < source.length) {
    const char = source[index];
    const next = source[index + 1];
    if (char === '"' || char === "'") {
      flushOther();
      let end = index + 1;
      while (end < source.length && source[end] !== char) end += source[end] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', text: source.slice(index, end + 1) });
      index = end + 1;
    } else if (char === '/' && next === '/') {
      flushOther();
      const end = source.indexOf('\n', index);
      const stop = end === -1 ? source.length : end;
      tokens.push({ kind: 'comment', text: source.slice(index, stop) });
      index = stop;
    } else if (char === '/' && next === '*') {
      flushOther();
      const end = source.indexOf('*/', index + 2);
      const stop = end === -1 ? source.length : end + 2;
      tokens.push({ kind: 'comment', text: source.slice(index, stop) });
      index = stop;
    } else {
      other += char;
      index += 1;
    }
  }
  flushOther();
  return tokens;
}

export function joinTokens(tokens: readonly Json5Token[]): string {
  return tokens.map((token) => token.text).join('');
}

/** A string literal in the quote style of `original`. */
export function quoteLike(original: string, value: string): string {
  const json = JSON.stringify(value);
  if (!original.startsWith("'")) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
