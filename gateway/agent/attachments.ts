import { invalidRequest } from '../../shared/protocol/error-codes.js';

/** hello-ok policy.attachments (v4 defaults): decoded bytes per attachment. */
export const ATTACHMENT_LIMITS = { maxBytes: 20_000_000, maxImageBytes: 6_000_000 } as const;

export interface ImageAttachment {
  mimeType: string;
  /** base64 without a data: prefix */
  data: string;
  fileName?: string;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function decodedLength(base64: string): number {
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

/** Validates `attachments` of agent/chat.send: images only, each within the advertised limits. */
export function parseAttachments(raw: readonly unknown[] | undefined): ImageAttachment[] {
  if (!raw || raw.length === 0) return [];
  return raw.map((item, index) => {
    if (typeof item !== 'object' || item === null) throw invalidRequest(`attachment ${index + 1} is not an object`);
    const record = item as Record<string, unknown>;
    const mimeType = typeof record.mimeType === 'string' ? record.mimeType.toLowerCase() : undefined;
    let data = typeof record.content === 'string' ? record.content : typeof record.data === 'string' ? record.data : undefined;
    if (data?.startsWith('data:')) data = data.slice(data.indexOf(',') + 1);
    if (!mimeType || data === undefined || data === '') {
      throw invalidRequest(`attachment ${index + 1} needs mimeType and base64 content`);
    }
    if (!IMAGE_TYPES.has(mimeType)) {
      throw invalidRequest(`attachment ${index + 1} is ${mimeType}; only PNG, JPEG, GIF and WebP images are supported`);
    }
    if (!/^[A-Za-z0-9+/_=\s-]*$/.test(data)) throw invalidRequest(`attachment ${index + 1} is not valid base64`);
    const size = decodedLength(data);
    if (size > ATTACHMENT_LIMITS.maxImageBytes) {
      throw invalidRequest(
        `attachment ${index + 1} is ${size} bytes; images may be at most ${ATTACHMENT_LIMITS.maxImageBytes} bytes`,
        { code: 'ATTACHMENT_TOO_LARGE', maxImageBytes: ATTACHMENT_LIMITS.maxImageBytes },
      );
    }
    const attachment: ImageAttachment = { mimeType, data: data.replace(/\s+/g, '') };
    if (typeof record.fileName === 'string') attachment.fileName = record.fileName;
    return attachment;
  });
}
