import type { ImageAttachment } from '../../agent/attachments.js';
import { ATTACHMENT_LIMITS } from '../../agent/attachments.js';
import type { InboundImage } from './channel-plugin.js';

/** The image types the agent takes (agent/attachments.ts), told by their first bytes. */
function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'image/gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** At most this many images of one message go to the agent. */
export const MAX_IMAGES_PER_MESSAGE = 4;

export interface LoadedImages {
  readonly attachments: ImageAttachment[];
  /** One line per image that could not be taken, for the agent to see (and say) that it is missing. */
  readonly notes: string[];
}

/**
 * Downloads a message's images, each capped at the agent's image limit (hello-ok
 * policy.attachments.maxImageBytes), and keeps those that really are PNG, JPEG, GIF or WebP.
 * An image that is too large, unreadable or of another type becomes a note, never a failed turn.
 */
export async function loadInboundImages(images: readonly InboundImage[], signal: AbortSignal): Promise<LoadedImages> {
  const attachments: ImageAttachment[] = [];
  const notes: string[] = [];
  const maxBytes = ATTACHMENT_LIMITS.maxImageBytes;
  for (const [index, image] of images.entries()) {
    const name = image.fileName ?? `image ${index + 1}`;
    if (index >= MAX_IMAGES_PER_MESSAGE) {
      notes.push(`[${name} not passed on: at most ${MAX_IMAGES_PER_MESSAGE} images per message]`);
      continue;
    }
    if (image.size !== undefined && image.size > maxBytes) {
      notes.push(`[${name} not passed on: ${image.size} bytes is more than the ${maxBytes}-byte image limit]`);
      continue;
    }
    try {
      const bytes = await image.download(maxBytes, signal);
      const mimeType = sniffImageType(bytes);
      if (!mimeType) {
        notes.push(`[${name} not passed on: not a PNG, JPEG, GIF or WebP image]`);
        continue;
      }
      attachments.push({ mimeType, data: bytes.toString('base64'), ...(image.fileName ? { fileName: image.fileName } : {}) });
    } catch (error) {
      if (signal.aborted) throw error;
      notes.push(`[${name} could not be loaded: ${error instanceof Error ? error.message : String(error)}]`);
    }
  }
  return { attachments, notes };
}
