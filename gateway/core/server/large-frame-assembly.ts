import type WebSocket from 'ws';

/** Frames whose payload is at least this long are assembled in one buffer as they arrive. */
export const ASSEMBLED_FRAME_BYTES = 1_048_576;

/** ws 8.23 lib/receiver.js: the state in which the receiver waits for a frame's payload. */
const GET_DATA = 4;

type WriteCallback = (error?: Error | null) => void;
type Write = (chunk: Buffer, encoding: BufferEncoding, callback: WriteCallback) => void;

interface ReceiverInternals {
  _write: Write;
  _state: unknown;
  _payloadLength: unknown;
  _bufferedBytes: unknown;
  _buffers: unknown;
  _maxBufferedChunks: unknown;
}

interface Assembly {
  /** The whole payload, filled as it arrives: one allocation of the declared length. */
  readonly target: Buffer;
  filled: number;
  /** What the receiver holds instead of the chunks: the filled part of `target`. */
  view: Buffer;
  chunks: number;
}

/** The receiver waits for the rest of a payload this large; everything it holds is part of it. */
function waitingForLargePayload(receiver: ReceiverInternals): receiver is ReceiverInternals & { _payloadLength: number; _bufferedBytes: number; _buffers: Buffer[] } {
  const { _state, _payloadLength, _bufferedBytes, _buffers } = receiver;
  return (
    _state === GET_DATA &&
    typeof _payloadLength === 'number' &&
    typeof _bufferedBytes === 'number' &&
    Array.isArray(_buffers) &&
    _payloadLength >= ASSEMBLED_FRAME_BYTES &&
    _bufferedBytes < _payloadLength
  );
}

/**
 * Frees a socket read's memory now. Only a chunk that is a whole ArrayBuffer of its own (as
 * every socket read is) and that was wholly copied: nothing else was handed a view of it.
 */
function release(chunk: Buffer): void {
  const store = chunk.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (chunk.byteOffset !== 0 || chunk.byteLength !== store.byteLength || typeof store.transfer !== 'function') return;
  try {
    store.transfer(0);
  } catch {
    // Already detached or not transferable: the collector frees it.
  }
}

/**
 * Makes one socket's receiver collect a large frame's payload in a single buffer of the declared
 * length, read by read, instead of holding every socket read until the frame is complete and
 * then copying them all into a new buffer (ws 8.23 lib/receiver.js, _write and consume).
 *
 * Why: each socket read is a 64 KiB block from glibc's main arena (below its mmap threshold),
 * so a 16 MiB frame held 256 of them at once, then the 16 MiB copy beside them, and left the
 * arena grown and fragmented after they were freed: under the hostile benchmark those reads were
 * the largest live allocations (heaptrack: 31.7 MiB of 64 KiB read buffers at the peak) and the
 * arena stayed 30–40 MiB larger after the burst. Here each read is copied into the payload's
 * buffer (a block of its own, mmapped, so it goes back to the system when freed) and its own
 * memory is released at once; when the last read arrives the receiver is handed the full buffer,
 * which it then emits as the message without copying it again.
 *
 * Only reads that are all payload are taken: the receiver must be waiting in the middle of the
 * frame's payload, holding nothing but it, both before a read and after it. Headers, control
 * frames and the bytes after the payload always reach ws as it would have seen them. A chunk
 * count past the receiver's own limit hands the rest back to ws, which then applies that limit.
 * Returns false, leaving ws as it is, if the receiver does not have the fields this relies on.
 */
export function assembleLargeFrames(ws: WebSocket): boolean {
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver._write !== 'function' || !Array.isArray(receiver._buffers) || typeof receiver._bufferedBytes !== 'number') return false;
  const write = receiver._write.bind(receiver);
  let assembly: Assembly | undefined;

  const start = (state: ReceiverInternals & { _payloadLength: number; _bufferedBytes: number; _buffers: Buffer[] }): Assembly | undefined => {
    const held = state._buffers.reduce((sum, part) => sum + part.length, 0);
    if (held !== state._bufferedBytes) return undefined;
    const target = Buffer.allocUnsafeSlow(state._payloadLength);
    let filled = 0;
    for (const part of state._buffers) {
      target.set(part, filled);
      filled += part.length;
    }
    const view = target.subarray(0, filled);
    state._buffers = [view];
    return { target, filled, view, chunks: 1 };
  };

  receiver._write = (chunk, encoding, callback) => {
    if (!waitingForLargePayload(receiver)) {
      assembly = undefined;
      write(chunk, encoding, callback);
      return;
    }
    const continuing = assembly !== undefined && receiver._buffers.length === 1 && receiver._buffers[0] === assembly.view && receiver._bufferedBytes === assembly.filled;
    const current = continuing ? assembly : start(receiver);
    const limit = typeof receiver._maxBufferedChunks === 'number' && receiver._maxBufferedChunks > 0 ? receiver._maxBufferedChunks : Number.POSITIVE_INFINITY;
    if (!current || current.chunks >= limit) {
      assembly = undefined;
      write(chunk, encoding, callback);
      return;
    }
    assembly = current;
    current.chunks += 1;
    const needed = receiver._payloadLength - current.filled;
    if (chunk.length < needed) {
      current.target.set(chunk, current.filled);
      current.filled += chunk.length;
      current.view = current.target.subarray(0, current.filled);
      receiver._buffers[0] = current.view;
      receiver._bufferedBytes = current.filled;
      release(chunk);
      // What ws does with a read that leaves the payload incomplete: wait for more.
      callback();
      return;
    }
    current.target.set(chunk.subarray(0, needed), current.filled);
    receiver._buffers[0] = current.target;
    receiver._bufferedBytes = current.target.length;
    assembly = undefined;
    // The payload is complete: ws takes the whole buffer as the frame's data, then reads on.
    write(chunk.subarray(needed), encoding, callback);
  };
  return true;
}
