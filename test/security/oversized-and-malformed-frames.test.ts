import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../gateway/agent/attachments.js';
import {
  INBOUND_JSON_LIMITS,
  MALFORMED_FRAME_BUDGET,
  MAX_PAYLOAD_BYTES,
  OPERATOR_MAX_PAYLOAD_BYTES,
  PREAUTH_JSON_LIMITS,
  PREAUTH_MAX_FRAME_BYTES,
} from '../../shared/protocol/limits.js';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode } from '../helpers/node-client.js';
import { connectClient, RawClient, buildConnectParams } from '../helpers/protocol-client.js';
import { Opcode, invalidUtf8, text, writeRaw } from './raw-frames.js';

// The attacks: a client (before the handshake: anyone who can reach the port) sends frames that
// are too large, too deep, not UTF-8, not JSON, or simply many bad ones, hoping to hold the
// gateway's memory, stall its event loop for everyone, or crash it. Each attack is written as
// the client sends it; a bystander on its own socket must keep getting `health` throughout.

/** `{"type":"req",…,"params":{"s":"xxx…"}}` exactly `bytes` long. */
function frameOfSize(bytes: number, id = 'big'): string {
  const head = `{"type":"req","id":"${id}","method":"health","params":{"s":"`;
  const tail = '"}}';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

describe('oversized and malformed frames', () => {
  let gateway: GatewayProcess;
  let bystander: RawClient;

  beforeAll(async () => {
    gateway = await startGateway();
    bystander = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterEach(async () => {
    expect((await bystander.request('health')).ok).toBe(true);
  });
  afterAll(async () => {
    bystander.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  async function opened(): Promise<RawClient> {
    const client = await RawClient.open(gateway.url);
    await client.challenge();
    return client;
  }

  async function connected(): Promise<{ client: RawClient; maxPayload: number }> {
    const { client, hello } = await connectClient(gateway.url, { token: gateway.token });
    return { client, maxPayload: hello.policy.maxPayload as number };
  }

  describe('before the handshake', () => {
    it('closes 1009 on a 25 MiB frame as soon as its header arrives, without waiting for (or holding) the payload', async () => {
      const client = await opened();
      // Only the header and 1 KiB are ever sent: a gateway that buffered first would wait forever.
      writeRaw(client, { opcode: Opcode.text, payload: Buffer.alloc(1_024, 0x78), declaredLength: 26_214_400 });
      expect((await client.closed).code).toBe(1009);
    });

    it('closes 1009 on a frame one byte over the 64 KiB pre-auth cap', async () => {
      const client = await opened();
      client.send(frameOfSize(PREAUTH_MAX_FRAME_BYTES + 1));
      expect((await client.closed).code).toBe(1009);
    });

    it('closes a connection that sends its first frame as a drip of tiny fragments (1008)', async () => {
      const client = await opened();
      const payload = Buffer.from(JSON.stringify({ type: 'req', id: 'c', method: 'connect', params: buildConnectParams(client.frames[0]!.payload, { token: gateway.token }) }));
      const parts = Array.from({ length: 100 }, (_, index) => payload.subarray(Math.floor((index * payload.length) / 100), Math.floor(((index + 1) * payload.length) / 100)));
      writeRaw(client, ...parts.map((part, index) => ({ opcode: index === 0 ? Opcode.text : Opcode.continuation, payload: part, fin: index === parts.length - 1 })));
      expect((await client.closed).code).toBe(1008);
      expect(client.frames.some((frame) => frame.type === 'res')).toBe(false);
    });

    it('closes without parsing a first frame nested deeper than the gateway reads', async () => {
      const client = await opened();
      client.send('['.repeat(PREAUTH_MAX_FRAME_BYTES / 2 - 1) + ']'.repeat(PREAUTH_MAX_FRAME_BYTES / 2 - 1));
      expect(await client.closed).toEqual({ code: 1000, reason: '' });
    });

    it('closes without parsing a connect whose thousands of wrong values would each need describing', async () => {
      const client = await opened();
      const params = buildConnectParams(client.frames[0]!.payload, { token: gateway.token });
      client.send({ type: 'req', id: 'wide', method: 'connect', params: { ...params, scopes: Array(PREAUTH_JSON_LIMITS.maxValues).fill(0) } });
      expect(await client.closed).toEqual({ code: 1000, reason: '' });
    });

    it('closes 1007 on a first frame that is not UTF-8', async () => {
      const client = await opened();
      writeRaw(client, invalidUtf8());
      expect(await client.closed).toEqual({ code: 1007, reason: 'invalid UTF-8' });
    });

    it('closes 1000 on binary garbage and on garbage JSON, with no reply', async () => {
      const binary = await opened();
      binary.send(Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
      const garbage = await opened();
      garbage.send('{"type":"req","id":');
      expect(await binary.closed).toEqual({ code: 1000, reason: '' });
      expect(await garbage.closed).toEqual({ code: 1000, reason: '' });
      expect([...binary.frames, ...garbage.frames].every((frame) => frame.event === 'connect.challenge')).toBe(true);
    });
  });

  describe('after the handshake', () => {
    it('advertises an operator maxPayload that carries two full-size image attachments, and enforces exactly it', async () => {
      const { client, maxPayload } = await connected();
      expect(maxPayload).toBe(OPERATOR_MAX_PAYLOAD_BYTES);
      expect(maxPayload).toBeGreaterThan(2 * Math.ceil(ATTACHMENT_LIMITS.maxImageBytes / 3) * 4 + 64 * 1024);
      // A frame of exactly the advertised size is read and answered (its params are wrong)…
      client.send(frameOfSize(maxPayload, 'at-limit'));
      expect((await client.response('at-limit', 15_000)).error.message).toBe("invalid health params: unexpected property 's'");
      // …and one byte more closes the socket at the header, before the payload is read.
      writeRaw(client, { opcode: Opcode.text, payload: Buffer.alloc(16), declaredLength: maxPayload + 1 });
      expect((await client.closed).code).toBe(1009);
    });

    it('advertises to a node the spec\'s 25 MiB (camera and screen results travel in node.invoke.result), and enforces it', async () => {
      const node = await connectNode(gateway.url, { token: gateway.token });
      expect(node.hello.policy.maxPayload).toBe(MAX_PAYLOAD_BYTES);
      writeRaw(node.client, { opcode: Opcode.text, payload: Buffer.alloc(16), declaredLength: MAX_PAYLOAD_BYTES + 1 });
      expect((await node.client.closed).code).toBe(1009);
    });

    it('refuses a frame nested deeper than the limit without parsing it, and reads one just inside it', async () => {
      const { client } = await connected();
      const depth = INBOUND_JSON_LIMITS.maxDepth;
      const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
      // Depth counts the frame object and its params object too.
      client.send(`{"type":"req","id":"deep","method":"health","params":{"a":${nested(depth)}}}`);
      client.send(`{"type":"req","id":"inside","method":"health","params":{"a":${nested(depth - 2)}}}`);
      expect((await client.response('inside')).error.message).toBe("invalid health params: unexpected property 'a'");
      expect(client.frames.some((frame) => frame.id === 'deep')).toBe(false);
      // A 64 KiB `[[[[…` costs the same: refused after maxDepth + 1 bytes, the socket stays open.
      client.send(nested(32_000));
      expect((await client.request('health')).ok).toBe(true);
      client.close();
    });

    it('does not mistake brackets and escaped quotes inside a string for nesting', async () => {
      const { client } = await connected();
      const tricky = `${'['.repeat(5_000)}\\"${'{'.repeat(5_000)}\\`;
      client.send({ type: 'req', id: 'tricky', method: 'health', params: { s: tricky } });
      expect((await client.response('tricky')).error.message).toBe("invalid health params: unexpected property 's'");
      client.close();
    });

    it('refuses a frame that would parse into hundreds of thousands of values', async () => {
      const { client } = await connected();
      client.send(`{"type":"req","id":"wide","method":"health","params":{"a":[${'0,'.repeat(INBOUND_JSON_LIMITS.maxValues)}0]}}`);
      expect((await client.request('health')).ok).toBe(true);
      expect(client.frames.some((frame) => frame.id === 'wide')).toBe(false);
      client.close();
    });

    it('answers a huge string value like any other bad params, and keeps the socket', async () => {
      const { client } = await connected();
      client.send(frameOfSize(4 * 1024 * 1024, 'huge-string'));
      expect((await client.response('huge-string', 15_000)).error.message).toBe("invalid health params: unexpected property 's'");
      expect((await client.request('health')).ok).toBe(true);
      client.close();
    });

    it('reads a binary frame as UTF-8 text, and ignores binary garbage', async () => {
      const { client } = await connected();
      client.send(Buffer.from([0xff, 0x00, 0x13, 0x37]));
      client.send(Buffer.from(JSON.stringify({ type: 'req', id: 'bin', method: 'health' })));
      expect((await client.response('bin')).ok).toBe(true);
      client.close();
    });

    it('closes 1007 on a text frame that is not UTF-8', async () => {
      const { client } = await connected();
      writeRaw(client, invalidUtf8());
      expect(await client.closed).toEqual({ code: 1007, reason: 'invalid UTF-8' });
    });

    it(`closes a client after more than ${MALFORMED_FRAME_BUDGET.frames} malformed frames (1008)`, async () => {
      const { client } = await connected();
      const garbage = ['{not json', '[]', '42', '{"type":"event","event":"x"}', Buffer.from([0xde, 0xad])];
      for (let index = 0; index < MALFORMED_FRAME_BUDGET.frames; index += 1) client.send(garbage[index % garbage.length]!);
      // Within the budget, garbage is answered (when it has an id to answer) or ignored.
      expect((await client.request('health')).ok).toBe(true);
      client.send('{not json');
      expect(await client.closed).toEqual({ code: 1008, reason: 'too many malformed frames' });
    });
  });

  describe('answers already due go out before a protocol close', () => {
    it('answers the request sent just before a frame that is not UTF-8, then closes 1007', async () => {
      const { client } = await connected();
      // One TCP write: the gateway reads both frames before the first answer is ready.
      writeRaw(client, text({ type: 'req', id: 'due', method: 'health' }), invalidUtf8());
      const closed = await client.closed;
      expect(client.frames.find((frame) => frame.id === 'due')?.ok).toBe(true);
      expect(closed).toEqual({ code: 1007, reason: 'invalid UTF-8' });
    });

    it('answers the requests sent before the malformed frame that exhausts the budget, then closes 1008', async () => {
      const { client } = await connected();
      const requests = ['a', 'b', 'c'].map((id) => text({ type: 'req', id, method: 'status' }));
      const garbage = Array.from({ length: MALFORMED_FRAME_BUDGET.frames + 1 }, () => text('{not json'));
      writeRaw(client, ...requests, ...garbage);
      expect((await client.closed).code).toBe(1008);
      expect(['a', 'b', 'c'].map((id) => client.frames.find((frame) => frame.id === id)?.ok)).toEqual([true, true, true]);
    });

    it('answers connect and a queued request before closing on a bad frame queued behind them', async () => {
      const client = await opened();
      const connect = { type: 'req', id: 'c', method: 'connect', params: buildConnectParams(client.frames[0]!.payload, { token: gateway.token }) };
      writeRaw(client, text(connect), text({ type: 'req', id: 'queued', method: 'health' }), invalidUtf8());
      const closed = await client.closed;
      expect(client.frames.find((frame) => frame.id === 'c')?.ok).toBe(true);
      expect(client.frames.find((frame) => frame.id === 'queued')?.ok).toBe(true);
      expect(closed.code).toBe(1007);
    });
  });

  it('keeps answering a well-behaved client while all of the above happens at once', async () => {
    const attackers = await Promise.all(Array.from({ length: 20 }, () => opened()));
    attackers.forEach((attacker, index) => {
      if (index % 4 === 0) writeRaw(attacker, { opcode: Opcode.text, payload: Buffer.alloc(64), declaredLength: 26_214_400 });
      else if (index % 4 === 1) attacker.send('['.repeat(30_000));
      else if (index % 4 === 2) writeRaw(attacker, invalidUtf8());
      else attacker.send(Buffer.from([0x00, 0xff]));
    });
    const flooders = await Promise.all(Array.from({ length: 5 }, () => connected()));
    for (const { client } of flooders) for (let index = 0; index <= MALFORMED_FRAME_BUDGET.frames; index += 1) client.send('{"type":');
    for (let call = 0; call < 20; call += 1) expect((await bystander.request('health')).ok).toBe(true);
    const ends = await Promise.all([...attackers, ...flooders.map((flooder) => flooder.client)].map((client) => client.closed));
    expect(ends.map((end) => end.code).sort()).toEqual([...Array(5).fill(1000), ...Array(5).fill(1007), ...Array(5).fill(1008), ...Array(5).fill(1009), ...Array(5).fill(1000)].sort());
    expect(gateway.child.exitCode).toBeNull();
  });
});
