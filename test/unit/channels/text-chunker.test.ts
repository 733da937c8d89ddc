import { describe, expect, it } from 'vitest';
import { chunkText, openFenceAt } from '../../../gateway/features/channels/text-chunker.js';

describe('chunkText', () => {
  it('keeps a short reply whole', () => {
    expect(chunkText('Hello there', 4096)).toEqual(['Hello there']);
  });

  it('splits a long reply at paragraph breaks, every chunk within the limit', () => {
    const paragraph = 'word '.repeat(180).trim();
    const text = Array.from({ length: 12 }, (_, i) => `${i}: ${paragraph}`).join('\n\n');
    const chunks = chunkText(text, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
    // Each chunk ends where a paragraph ended: nothing is lost or cut mid-paragraph.
    expect(chunks.join('\n\n')).toBe(text);
  });

  it('closes a code fence cut in two and reopens it with its language', () => {
    const code = Array.from({ length: 400 }, (_, i) => `const line${i} = ${i};`).join('\n');
    const text = `Here is the code:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nDone.`;
    const chunks = chunkText(text, 4096);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(4096);
      expect(openFenceAt(chunk)).toBeUndefined();
    }
    expect(chunks[1]!.startsWith('```ts\n')).toBe(true);
    expect(chunks.at(-1)!.endsWith('Done.')).toBe(true);
  });

  it('hard-cuts text without any break', () => {
    const chunks = chunkText('x'.repeat(10_000), 4096);
    expect(chunks.join('')).toBe('x'.repeat(10_000));
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096);
  });
});
