import { describe, expect, it } from 'vitest';
import {
  countHidden,
  escapeCodePoint,
  isHiddenCodePoint,
  revealInvisibleCharacters,
  type TextSegment,
} from '../../../renderer/format/invisible-characters.js';

/** What a person sees: visible text as is, hidden characters as their escapes in brackets. */
function shown(segments: TextSegment[]): string {
  return segments.map((segment) => (segment.kind === 'text' ? segment.text : `[${segment.escape}]`)).join('');
}

describe('revealInvisibleCharacters', () => {
  it('leaves plain commands alone, ordinary spaces included', () => {
    expect(revealInvisibleCharacters('ls -la ~/projects && npm test')).toEqual([
      { kind: 'text', text: 'ls -la ~/projects && npm test' },
    ]);
    expect(revealInvisibleCharacters('')).toEqual([]);
  });

  it('shows zero-width characters hiding inside a word', () => {
    const segments = revealInvisibleCharacters('r\u200Bm -rf /');
    expect(shown(segments)).toBe('r[\\u200B]m -rf /');
    expect(segments[1]).toMatchObject({ kind: 'hidden', codePoint: 0x200b, name: 'ZERO WIDTH SPACE' });
  });

  it('shows every bidirectional control (Trojan Source)', () => {
    const controls = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const codePoint of controls) {
      const segments = revealInvisibleCharacters(`a${String.fromCodePoint(codePoint)}b`);
      expect(countHidden(segments), `U+${codePoint.toString(16)}`).toBe(1);
    }
    expect(shown(revealInvisibleCharacters('echo "\u202Eoh.txt"'))).toBe('echo "[\\u202E]oh.txt"');
  });

  it('shows spaces that are not U+0020', () => {
    expect(shown(revealInvisibleCharacters('rm\u00A0-rf\u2007x\u3000y\u202Fz'))).toBe('rm[\\u00A0]-rf[\\u2007]x[\\u3000]y[\\u202F]z');
  });

  it('shows control characters, with short escapes for tab, newline and carriage return', () => {
    expect(shown(revealInvisibleCharacters('a\tb\nc\rd\u0000e\u001B[31mf\u007Fg\u0085h'))).toBe(
      'a[\\t]b[\\n]c[\\r]d[\\u0000]e[\\u001B][31mf[\\u007F]g[\\u0085]h',
    );
  });

  it('breaks the line after a shown newline, so a second command starts on its own line', () => {
    const segments = revealInvisibleCharacters('ls\nrm -rf ~');
    expect(segments[1]).toMatchObject({ kind: 'hidden', escape: '\\n', breaksLine: true });
    expect(revealInvisibleCharacters('a\tb')[1]).toMatchObject({ breaksLine: false });
  });

  it('shows astral tag characters and variation selectors with braces', () => {
    expect(shown(revealInvisibleCharacters('ok\u{E0072}\u{E0069}'))).toBe('ok[\\u{E0072}][\\u{E0069}]');
    expect(shown(revealInvisibleCharacters('x\uFE0F\u{E0100}'))).toBe('x[\\uFE0F][\\u{E0100}]');
  });

  it('shows fillers and other blank-looking characters', () => {
    for (const codePoint of [0x00ad, 0x034f, 0x115f, 0x1160, 0x180e, 0x2060, 0x2800, 0x3164, 0xfeff, 0xffa0]) {
      expect(isHiddenCodePoint(codePoint), `U+${codePoint.toString(16)}`).toBe(true);
    }
  });

  it('shows a lone surrogate instead of dropping it', () => {
    expect(shown(revealInvisibleCharacters('a\uD800b'))).toBe('a[\\uD800]b');
  });

  it('keeps letters of every script, emoji and combining accents visible', () => {
    const text = 'echo café שלום привет 日本 😀 e\u0301';
    expect(revealInvisibleCharacters(text)).toEqual([{ kind: 'text', text }]);
  });

  it('counts hidden characters, one segment each even when adjacent', () => {
    const segments = revealInvisibleCharacters('\u200B\u200B\u200Dx');
    expect(countHidden(segments)).toBe(3);
    expect(segments).toHaveLength(4);
  });

  it('formats escapes in upper-case hex, padded to four digits', () => {
    expect(escapeCodePoint(0x7)).toBe('\\u0007');
    expect(escapeCodePoint(0xfeff)).toBe('\\uFEFF');
    expect(escapeCodePoint(0x1d173)).toBe('\\u{1D173}');
  });
});
