import { isUtf8 } from 'node:buffer';
import type { RawData } from 'ws';
import { jsonShapeProblem, type JsonShapeLimits } from './json-shape.js';

export type InboundProblem = 'invalid-utf8' | 'unparseable' | 'too-deep' | 'too-many-values';

export type InboundFrame = { ok: true; value: unknown; bytes: number } | { ok: false; problem: InboundProblem; bytes: number };

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
 */
export function readInboundFrame(data: RawData, isBinary: boolean, limits: JsonShapeLimits): InboundFrame {
  const bytes = toBuffer(data);
  if (!isBinary && !isUtf8(bytes)) return { ok: false, problem: 'invalid-utf8', bytes: bytes.length };
  const shape = jsonShapeProblem(bytes, limits);
  if (shape) return { ok: false, problem: shape, bytes: bytes.length };
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')), bytes: bytes.length };
  } catch {
    return { ok: false, problem: 'unparseable', bytes: bytes.length };
  }
}

export function rawSize(data: RawData): number {
  if (Buffer.isBuffer(data)) return data.length;
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}
