import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { ASSEMBLED_FRAME_BYTES, assembleLargeFrames } from '../../../gateway/core/server/large-frame-assembly.js';
import { encodeClientFrame, Opcode, type RawFrame } from '../../security/raw-frames.js';

const MIB = 1_048_576;

interface Received {
  data: Buffer;
  isBinary: boolean;
}

interface Pair {
  server: WebSocketServer;
  serverSide: WebSocket;
  client: WebSocket;
  messages: Received[];
  /** How many buffers the server's receiver held after each piece was written. */
  heldBuffers: number[];
  nextMessage(): Promise<Received>;
}

const pairs: Pair[] = [];

afterEach(async () => {
  for (const pair of pairs.splice(0)) {
    pair.client.terminate();
    await new Promise<void>((resolve) => pair.server.close(() => resolve()));
  }
});

/** A ws server (as the gateway runs it: no compression, UTF-8 left to the connection) and one client of it. */
async function connectedPair(): Promise<Pair> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 32 * MIB, perMessageDeflate: false, skipUTF8Validation: true });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  const serverSide = await accepted;
  expect(assembleLargeFrames(serverSide)).toBe(true);
  const messages: Received[] = [];
  const waiters: ((message: Received) => void)[] = [];
  serverSide.on('message', (data: RawData, isBinary: boolean) => {
    const message = { data: data as Buffer, isBinary };
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  const pair: Pair = {
    server,
    serverSide,
    client,
    messages,
    heldBuffers: [],
    nextMessage: () => {
      const ready = messages.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
  };
  pairs.push(pair);
  return pair;
}

/** Writes `bytes` to the client's TCP socket in pieces of the given sizes (cycled), a turn of the loop apart. */
async function writeInPieces(pair: Pair, bytes: Buffer, sizes: readonly number[]): Promise<void> {
  const socket = (pair.client as unknown as { _socket: Socket })._socket;
  const receiver = (pair.serverSide as unknown as { _receiver: { _buffers: Buffer[] } })._receiver;
  let offset = 0;
  for (let index = 0; offset < bytes.length; index += 1) {
    const size = sizes[index % sizes.length]!;
    await new Promise<void>((resolve) => socket.write(bytes.subarray(offset, offset + size), () => resolve()));
    offset += size;
    for (let turn = 0; turn < 3; turn += 1) await nextTurn();
    pair.heldBuffers.push(receiver._buffers.length);
  }
}

const frame = (opcode: number, payload: Buffer, fin = true): Buffer => encodeClientFrame({ opcode, payload, fin } satisfies RawFrame);

describe('assembling large frames as they arrive', () => {
  it('delivers a large text frame intact, in one buffer of its own, holding one buffer (not every read) meanwhile', async () => {
    const pair = await connectedPair();
    const payload = Buffer.from(randomBytes(3 * MIB).toString('base64').slice(0, 3 * MIB));
    const small = Buffer.from('{"after":true}');
    await writeInPieces(pair, Buffer.concat([frame(Opcode.text, payload), frame(Opcode.text, small)]), [1_000, 70_000, 13, 65_536, 200_000]);

    const large = await pair.nextMessage();
    expect(large.isBinary).toBe(false);
    expect(large.data.equals(payload)).toBe(true);
    expect(large.data.buffer.byteLength).toBe(payload.length);
    expect((await pair.nextMessage()).data.toString()).toBe('{"after":true}');
    // Without the assembly the receiver held every read until the frame was complete (dozens here).
    expect(Math.max(...pair.heldBuffers)).toBeLessThanOrEqual(2);
  });

  it('delivers a fragmented message with a ping between its fragments, and answers the ping', async () => {
    const pair = await connectedPair();
    const first = randomBytes(ASSEMBLED_FRAME_BYTES + 12_345);
    const second = randomBytes(2 * MIB);
    const pingPayload = Buffer.from('are you there');
    const pong = new Promise<Buffer>((resolve) => pair.client.once('pong', resolve));
    const bytes = Buffer.concat([frame(Opcode.binary, first, false), frame(0x9, pingPayload), frame(Opcode.continuation, second, true)]);
    await writeInPieces(pair, bytes, [65_536, 4_000, 131_072]);

    const message = await pair.nextMessage();
    expect(message.isBinary).toBe(true);
    expect(message.data.equals(Buffer.concat([first, second]))).toBe(true);
    expect((await pong).equals(pingPayload)).toBe(true);
  });

  it('delivers back-to-back large frames sent in one write, and small frames as they were', async () => {
    const pair = await connectedPair();
    const a = randomBytes(ASSEMBLED_FRAME_BYTES);
    const b = randomBytes(ASSEMBLED_FRAME_BYTES + 1);
    const smalls = Array.from({ length: 5 }, (_, index) => Buffer.from(`small ${index}`));
    const bytes = Buffer.concat([frame(Opcode.binary, smalls[0]!), frame(Opcode.binary, a), frame(Opcode.binary, b), ...smalls.slice(1).map((part) => frame(Opcode.binary, part))]);
    await writeInPieces(pair, bytes, [bytes.length]);

    const received: Buffer[] = [];
    for (let index = 0; index < 7; index += 1) received.push((await pair.nextMessage()).data);
    expect(received.map((data) => data.length)).toEqual([smalls[0]!.length, a.length, b.length, ...smalls.slice(1).map((part) => part.length)]);
    expect(received[1]!.equals(a)).toBe(true);
    expect(received[2]!.equals(b)).toBe(true);
    expect(received.slice(3).map((data) => data.toString())).toEqual(['small 1', 'small 2', 'small 3', 'small 4']);
  });
});
