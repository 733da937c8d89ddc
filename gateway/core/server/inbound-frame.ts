import { isUtf8 } from 'node:buffer';
import type { RawData } from 'ws';
import { jsonShapeProblem, type JsonShapeLimits } from './json-shape.js';

export type InboundProblem = 'invalid-utf8' | 'unparseable' | 'too-deep' | 'too-many-values';

export type InboundFrame = { ok: true; value: unknown; bytes: number } | { ok: false; problem: InboundProblem; bytes: number };

/**
 * From this size on, a message's bytes are handed back to the allocator as soon as they have
 * been decoded or refused (see releaseMessageBytes). Socket reads are at most 64 KiB, so a buffer
 * this large is always one that `ws` allocated for this message alone.
 */
export const RELEASE_AFTER_DECODE_BYTES = 1_048_576;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One inbound message, from bytes to a JSON value, with the cheap checks first: UTF-8 of a text
 * frame (the server runs `ws` with skipUTF8Validation so that the connection, not the library,
 * decides when to close — see Connection.closeAfterAnswers), then the JSON shape limits of the
 * connection's phase, then JSON.parse. A binary frame is read as UTF-8 text (spec §1.2), invalid bytes becoming U+FFFD.
 *
 * A large message's bytes are released once they have been decoded or refused: the caller must
 * not read `data` afterwards (the connection reads nothing but its size, before this runs).
 */
export function readInboundFrame(data: RawData, isBinary: boolean, limits: JsonShapeLimits): InboundFrame {
  const bytes = toBuffer(data);
  const size = bytes.length;
  if (!isBinary && !isUtf8(bytes)) return refused(bytes, 'invalid-utf8');
  const shape = jsonShapeProblem(bytes, limits);
  if (shape) return refused(bytes, shape);
  const text = bytes.toString('utf8');
  releaseMessageBytes(bytes);
  try {
    return { ok: true, value: JSON.parse(text), bytes: size };
  } catch {
    return { ok: false, problem: 'unparseable', bytes: size };
  }
}

function refused(bytes: Buffer, problem: InboundProblem): InboundFrame {
  const size = bytes.length;
  releaseMessageBytes(bytes);
  return { ok: false, problem, bytes: size };
}

/**
 * Frees a large message's bytes now instead of at the next full collection. A frame at the
 * operator limit is 16 MiB that `ws` copied out of the socket's reads; once its text is decoded
 * it is garbage, but V8 frees an ArrayBuffer's memory only when it collects the object, and
 * JSON.parse then allocates the parsed copy beside it. Transferring the ArrayBuffer to a new
 * empty one detaches the old and frees its memory at once (ES2024 ArrayBuffer.prototype.transfer;
 * a 16 MiB block is mmapped by the allocator, so it leaves RSS too). Only a buffer that spans the
 * whole of its ArrayBuffer is released: a small message may be a view into a socket read that
 * holds the next frame's bytes.
 */
export function releaseMessageBytes(bytes: Buffer): boolean {
  if (bytes.length < RELEASE_AFTER_DECODE_BYTES) return false;
  const store = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean };
  if (bytes.byteOffset !== 0 || bytes.byteLength !== store.byteLength || typeof store.transfer !== 'function') return false;
  if (store instanceof SharedArrayBuffer) return false;
  try {
    store.transfer(0);
    return true;
  } catch {
    // Not transferable (already detached, or not resizable in this runtime): it waits for the collector.
    return false;
  }
}

export function rawSize(data: RawData): number {
  if (Buffer.isBuffer(data)) return data.length;
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}
