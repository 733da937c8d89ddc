import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { textFrameHeader, writeTextFrame } from '../../../gateway/core/server/text-frame-writer.js';

/** A ws server on 127.0.0.1 with one client: the server's side of it and what the client receives. */
async function pair() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  const received: string[] = [];
  client.on('message', (data, isBinary) => received.push(isBinary ? `binary:${String(data)}` : String(data)));
  await once(client, 'open');
  const [serverSide] = await accepted;
  const close = async () => {
    client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { serverSide, received, close };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let closeLast: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeLast?.();
  closeLast = undefined;
});

describe('textFrameHeader (RFC 6455 §5.2, unmasked, FIN text frame)', () => {
  it('uses the 7-bit, 16-bit and 64-bit length forms at their boundaries', () => {
    expect([...textFrameHeader(0)]).toEqual([0x81, 0]);
    expect([...textFrameHeader(125)]).toEqual([0x81, 125]);
    expect([...textFrameHeader(126)]).toEqual([0x81, 126, 0, 126]);
    expect([...textFrameHeader(65_535)]).toEqual([0x81, 126, 0xff, 0xff]);
    expect([...textFrameHeader(65_536)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect([...textFrameHeader(2 ** 32 + 5)]).toEqual([0x81, 127, 0, 0, 0, 1, 0, 0, 0, 5]);
  });
});

describe('writeTextFrame', () => {
  it('delivers one message made of string and byte parts, multi-byte text and every length form included', async () => {
    const { serverSide, received, close } = await pair();
    closeLast = close;
    const messages = [
      ['{"a":', Buffer.from('"é漢😀'), '"}'],
      ['x'.repeat(200)],
      ['y'.repeat(70_000), Buffer.from('z'.repeat(10))],
    ];
    for (const parts of messages) {
      const bytes = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0);
      expect(writeTextFrame(serverSide, parts, bytes)).toBe(true);
    }
    await until(() => received.length === messages.length);
    expect(received).toEqual(messages.map((parts) => parts.map(String).join('')));
  });

  it('keeps its place among frames ws sends itself', async () => {
    const { serverSide, received, close } = await pair();
    closeLast = close;
    serverSide.send('first');
    writeTextFrame(serverSide, ['sec', 'ond'], 6);
    serverSide.send('third');
    writeTextFrame(serverSide, [Buffer.from('fourth')], 6);
    await until(() => received.length === 4);
    expect(received).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('writes nothing once the socket is gone', async () => {
    const { serverSide, close } = await pair();
    closeLast = close;
    serverSide.terminate();
    expect(writeTextFrame(serverSide, ['late'], 4)).toBe(false);
  });
});
