import type { WebSocket } from 'ws';
import type { FramePart } from '../events/event-bus.js';
import { rawSocketOf } from './raw-socket.js';

/** First byte of a whole (FIN) text frame, RFC 6455 §5.2. */
const FIN_TEXT = 0x81;

/** The header of an unmasked server-to-client text frame whose payload is `length` bytes. */
export function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([FIN_TEXT, length]);
  if (length < 0x10000) {
    const header = Buffer.allocUnsafe(4);
    header[0] = FIN_TEXT;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.allocUnsafe(10);
  header[0] = FIN_TEXT;
  header[1] = 127;
  header.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
  header.writeUInt32BE(length >>> 0, 6);
  return header;
}

/**
 * Writes one text frame whose payload is `parts` one after the other, `byteLength` UTF-8 bytes in
 * all, straight to the socket under a ws WebSocket. `ws.send` takes one string: joining a token's
 * frame (its head, the reply so far, its tail) made V8 copy the whole reply into a new string for
 * every frame, twice per token (the `agent` and the `chat` delta), and those copies drove most of
 * the young-generation collections that set the 50-stream latency tail. Written as parts, the
 * socket's writev copies them into one native buffer instead, outside the JavaScript heap.
 *
 * Safe beside ws's own sends because the gateway's WebSocket never compresses or sends Blobs:
 * ws's sender then writes every frame to the socket as it is sent, in order, as this does.
 * Returns false (nothing written) when the socket is gone.
 */
export function writeTextFrame(ws: WebSocket, parts: readonly FramePart[], byteLength: number): boolean {
  const socket = rawSocketOf(ws);
  if (!socket || socket.destroyed || !socket.writable) return false;
  socket.cork();
  socket.write(textFrameHeader(byteLength));
  for (const part of parts) if (part.length > 0) socket.write(part);
  socket.uncork();
  return true;
}
