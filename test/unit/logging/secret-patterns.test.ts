import { describe, expect, it } from 'vitest';
import { createTextMasker } from '../../../gateway/core/logging/mask-secrets-in-text.js';
import { compileSecretPatterns, InvalidRedactPatternError, parseRedactPattern } from '../../../gateway/core/logging/secret-patterns.js';

describe('default secret patterns', () => {
  const mask = createTextMasker(compileSecretPatterns(undefined));

  it.each([
    ['an env assignment', 'OPENAI_API_KEY=sk-abcdefghijklmnopqrstu', 'OPENAI_API_KEY=sk-abc…rstu'],
    ['a quoted env assignment', 'GATEHOUSE_TOKEN: "short"', 'GATEHOUSE_TOKEN: "***"'],
    ['a CLI flag', 'gatehouse gateway --token abcdefghijklmnopqrstuv', 'gatehouse gateway --token abcdef…stuv'],
    ['an Anthropic key', 'key sk-ant-api03-AAAAAAAAAAAAAAAAAAAAzz9', 'key sk-ant…Azz9'],
    ['a GitHub token', 'ghp_0123456789abcdefghijABCD', 'ghp_01…ABCD'],
    ['a Slack bot token', 'xoxb-1234567890-abcdefghij', 'xoxb-1…ghij'],
    ['a JWT', 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLWJ5dGVz', 'jwt eyJhbG…dGVz'],
    ['a Bearer header', 'Authorization: Bearer abc.def.ghi', 'Authorization: Bearer ***'],
    ['a JSON field in text', '{"refresh_token":"r1","model":"gpt"}', '{"refresh_token":"***","model":"gpt"}'],
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----', '-----B…----'],
  ])('masks %s', (_name, input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it.each([
    'request used maxTokens=4096 and max_tokens=4096',
    '{"maxTokens":4096,"contextTokens":200000}',
    'session agent:main:telegram:12345 started',
    'task-abcdefghijklmnop finished',
    'gateway listening on ws://127.0.0.1:18789',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(mask(text)).toBe(text);
  });
});

describe('parseRedactPattern', () => {
  it('compiles a bare pattern case-insensitively and globally', () => {
    const regex = parseRedactPattern('secret-[a-z]+');
    expect(regex?.flags).toContain('g');
    expect(regex?.flags).toContain('i');
  });

  it('keeps the flags of the /re/flags form, adding g', () => {
    const regex = parseRedactPattern('/Order#\\d+/m');
    expect(regex?.source).toBe('Order#\\d+');
    expect(regex?.flags).toContain('m');
    expect(regex?.flags).toContain('g');
    expect(regex?.flags).not.toContain('i');
  });

  it('ignores a blank entry and rejects a broken one', () => {
    expect(parseRedactPattern('  ')).toBeUndefined();
    expect(() => parseRedactPattern('[a-')).toThrow(InvalidRedactPatternError);
  });

  it('survives a pattern that matches the empty string', () => {
    const mask = createTextMasker(compileSecretPatterns(['x*']));
    expect(mask('abc')).toBe('abc');
  });
});
