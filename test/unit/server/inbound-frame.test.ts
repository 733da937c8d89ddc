import { describe, expect, it } from 'vitest';
import { INBOUND_JSON_LIMITS } from '../../../shared/protocol/limits.js';
import { RELEASE_AFTER_DECODE_BYTES, readInboundFrame, releaseMessageBytes } from '../../../gateway/core/server/inbound-frame.js';

/** A request frame of exactly `bytes` bytes in a buffer of its own, as `ws` hands over a large message. */
const HEAD = '{"type":"req","id":"big","method":"health","params":{"s":"';
const TAIL = '"}}';

function largeRequest(bytes: number): Buffer {
  const head = HEAD;
  const tail = TAIL;
  const frame = Buffer.allocUnsafe(bytes);
  frame.write(head, 0, 'latin1');
  frame.fill(0x78, head.length, bytes - tail.length);
  frame.write(tail, bytes - tail.length, 'latin1');
  return frame;
}

describe('reading an inbound frame', () => {
  it('parses a small frame and leaves its bytes alone', () => {
    const data = Buffer.from('{"type":"req","id":"1","method":"health"}');
    const frame = readInboundFrame(data, false, INBOUND_JSON_LIMITS);
    expect(frame).toEqual({ ok: true, value: { type: 'req', id: '1', method: 'health' }, bytes: data.length });
    expect(data.length).toBeGreaterThan(0);
    expect(data.toString()).toContain('health');
  });

  it('parses a large frame, then frees its bytes at once', () => {
    const size = RELEASE_AFTER_DECODE_BYTES * 2;
    const data = largeRequest(size);
    const before = process.memoryUsage().arrayBuffers;
    const frame = readInboundFrame(data, false, INBOUND_JSON_LIMITS);
    expect(frame.ok).toBe(true);
    expect(frame.bytes).toBe(size);
    expect(frame.ok && (frame.value as { params: { s: string } }).params.s.length).toBe(size - HEAD.length - TAIL.length);
    // Detached: the ArrayBuffer is empty and its memory is no longer counted.
    expect(data.buffer.byteLength).toBe(0);
    expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(size);
  });

  it('frees the bytes of a large frame it refuses', () => {
    const size = RELEASE_AFTER_DECODE_BYTES + 10;
    const data = Buffer.alloc(size, '[');
    const frame = readInboundFrame(data, false, INBOUND_JSON_LIMITS);
    expect(frame).toEqual({ ok: false, problem: 'too-deep', bytes: size });
    expect(data.buffer.byteLength).toBe(0);
  });

  it('frees the bytes of a large frame that is not UTF-8', () => {
    const data = largeRequest(RELEASE_AFTER_DECODE_BYTES);
    data[100] = 0xff;
    expect(readInboundFrame(data, false, INBOUND_JSON_LIMITS)).toEqual({ ok: false, problem: 'invalid-utf8', bytes: RELEASE_AFTER_DECODE_BYTES });
    expect(data.buffer.byteLength).toBe(0);
  });
});

describe('releasing a message buffer', () => {
  it('never releases a view into a larger buffer: the rest may be the next frame', () => {
    const read = Buffer.alloc(RELEASE_AFTER_DECODE_BYTES * 2);
    const first = read.subarray(0, RELEASE_AFTER_DECODE_BYTES);
    expect(releaseMessageBytes(first)).toBe(false);
    expect(read.buffer.byteLength).toBe(RELEASE_AFTER_DECODE_BYTES * 2);
  });

  it('never releases a small buffer (it may share the allocation pool)', () => {
    const small = Buffer.from('{"a":1}');
    expect(releaseMessageBytes(small)).toBe(false);
    expect(small.toString()).toBe('{"a":1}');
  });

  it('releases a buffer that is already released without throwing', () => {
    const data = Buffer.alloc(RELEASE_AFTER_DECODE_BYTES);
    expect(releaseMessageBytes(data)).toBe(true);
    expect(releaseMessageBytes(data)).toBe(false);
  });
});
