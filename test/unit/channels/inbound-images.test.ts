import { describe, expect, it } from 'vitest';
import type { InboundImage } from '../../../gateway/features/channels/channel-plugin.js';
import { loadInboundImages, MAX_IMAGES_PER_MESSAGE } from '../../../gateway/features/channels/inbound-images.js';
import { secretMatches } from '../../../gateway/features/channels/telegram/telegram-webhook.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

function image(bytes: Buffer | Error, meta: Partial<InboundImage> = {}): InboundImage & { downloads: number } {
  const result = {
    downloads: 0,
    ...meta,
    download: async (maxBytes: number) => {
      result.downloads += 1;
      if (bytes instanceof Error) throw bytes;
      if (bytes.length > maxBytes) throw new Error('too big');
      return bytes;
    },
  };
  return result;
}

describe('inbound images', () => {
  const signal = new AbortController().signal;

  it('passes PNG and JPEG on by their bytes, whatever the channel called them', async () => {
    const loaded = await loadInboundImages([image(PNG, { mimeType: 'image/jpeg', fileName: 'a.jpg' }), image(JPEG)], signal);
    expect(loaded.attachments.map((a) => a.mimeType)).toEqual(['image/png', 'image/jpeg']);
    expect(loaded.attachments[0]).toMatchObject({ data: PNG.toString('base64'), fileName: 'a.jpg' });
    expect(loaded.notes).toEqual([]);
  });

  it('turns what it cannot take into notes for the agent, without downloading an announced oversize', async () => {
    const big = image(PNG, { size: 7_000_000, fileName: 'big.png' });
    const loaded = await loadInboundImages([big, image(Buffer.from('%PDF-1.7'), { fileName: 'doc.pdf' }), image(new Error('HTTP 404'), { fileName: 'gone.png' })], signal);
    expect(loaded.attachments).toEqual([]);
    expect(big.downloads).toBe(0);
    expect(loaded.notes).toEqual([
      '[big.png not passed on: 7000000 bytes is more than the 6000000-byte image limit]',
      '[doc.pdf not passed on: not a PNG, JPEG, GIF or WebP image]',
      '[gone.png could not be loaded: HTTP 404]',
    ]);
  });

  it(`takes at most ${MAX_IMAGES_PER_MESSAGE} images of one message`, async () => {
    const loaded = await loadInboundImages(Array.from({ length: MAX_IMAGES_PER_MESSAGE + 2 }, () => image(PNG)), signal);
    expect(loaded.attachments).toHaveLength(MAX_IMAGES_PER_MESSAGE);
    expect(loaded.notes).toHaveLength(2);
  });
});

describe('webhook secret check', () => {
  it('matches only the exact secret', () => {
    expect(secretMatches('s3cret_token', 's3cret_token')).toBe(true);
    for (const wrong of [undefined, '', 's3cret_toke', 's3cret_token ', 'S3CRET_TOKEN', ['s3cret_token']]) expect(secretMatches(wrong, 's3cret_token')).toBe(false);
  });
});
