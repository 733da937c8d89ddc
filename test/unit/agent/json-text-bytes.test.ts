import { describe, expect, it } from 'vitest';
import { JsonTextBytes } from '../../../gateway/agent/json-text-bytes.js';

/** What a reader gets from the literal once a frame closes it. */
const read = (view: Buffer): string => JSON.parse(`${view.toString('utf8')}"`) as string;

describe('JsonTextBytes', () => {
  it('holds the JSON literal of the text so far, growing with it', () => {
    const bytes = new JsonTextBytes();
    expect(read(bytes.view())).toBe('');
    bytes.extendTo('a "quoted"');
    bytes.extendTo('a "quoted"\n\\ é', '\n\\ é');
    expect(bytes.view().toString('utf8')).toBe('"a \\"quoted\\"\\n\\\\ é');
    expect(read(bytes.view())).toBe('a "quoted"\n\\ é');
  });

  it('ignores an `added` that is not what the text gained, and starts again from a text that shrank', () => {
    const bytes = new JsonTextBytes();
    bytes.extendTo('one');
    bytes.extendTo('one two three', ' three');
    expect(read(bytes.view())).toBe('one two three');
    bytes.extendTo('one');
    expect(read(bytes.view())).toBe('one');
    bytes.resetTo('other');
    expect(read(bytes.view())).toBe('other');
  });

  it('never changes a view it handed out', () => {
    const bytes = new JsonTextBytes();
    bytes.extendTo('a'.repeat(1000));
    const early = bytes.view();
    const copy = Buffer.from(early);
    bytes.extendTo(`${'a'.repeat(1000)}${'b'.repeat(5000)}`);
    expect(early.equals(copy)).toBe(true);
    expect(read(bytes.view())).toBe(`${'a'.repeat(1000)}${'b'.repeat(5000)}`);
  });
});
