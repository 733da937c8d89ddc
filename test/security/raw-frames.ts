import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { RawClient } from '../helpers/protocol-client.js';

/**
 * WebSocket frames written byte by byte, for attacks a well-behaved client library will not
 * send: a header that promises more payload than ever comes, text frames holding invalid UTF-8,
 * several frames in one TCP write. RFC 6455 §5.2; client frames are masked.
 */

export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2 } as const;

export interface RawFrame {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  /** The length written in the header, when it should differ from the payload's (a lie). */
  declaredLength?: number;
}

export function encodeClientFrame(frame: RawFrame): Buffer {
  const length = frame.declaredLength ?? frame.payload.length;
  const head: number[] = [((frame.fin ?? true) ? 0x80 : 0) | frame.opcode];
  if (length < 126) head.push(0x80 | length);
  else if (length < 65_536) head.push(0x80 | 126, length >> 8, length & 0xff);
  else {
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(0x80 | 127, ...big);
  }
  const mask = randomBytes(4);
  const masked = Buffer.from(frame.payload);
  for (let index = 0; index < masked.length; index += 1) masked[index] = (masked[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return Buffer.concat([Buffer.from(head), mask, masked]);
}

export function text(value: unknown): RawFrame {
  return { opcode: Opcode.text, payload: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) };
}

/** A text frame whose bytes are not UTF-8 (a lone continuation byte inside otherwise valid JSON). */
export function invalidUtf8(): RawFrame {
  return { opcode: Opcode.text, payload: Buffer.concat([Buffer.from('{"type":"req","id":"u","method":"health","params":{"x":"'), Buffer.from([0x80]), Buffer.from('"}}')]) };
}

/** Writes frames straight to the client's TCP socket, all in one write. */
export function writeRaw(client: RawClient, ...frames: (RawFrame | Buffer)[]): void {
  const socket = (client.ws as unknown as { _socket: Socket })._socket;
  socket.write(Buffer.concat(frames.map((frame) => (Buffer.isBuffer(frame) ? frame : encodeClientFrame(frame)))));
}
