import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, RawClient, buildConnectParams } from '../helpers/protocol-client.js';

describe('bad input', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  async function opened(): Promise<RawClient> {
    const client = await RawClient.open(gateway.url);
    await client.challenge();
    return client;
  }

  describe('before the handshake', () => {
    it('closes 1000 without a reply when the first frame is not JSON', async () => {
      const client = await opened();
      client.send('this is not json');
      expect(await client.closed).toEqual({ code: 1000, reason: '' });
      expect(client.frames).toHaveLength(1);
    });

    it('treats binary garbage like any unparseable frame', async () => {
      const client = await opened();
      client.send(Buffer.from([0xff, 0x00, 0x13, 0x37]));
      expect(await client.closed).toEqual({ code: 1000, reason: '' });
    });

    it('reads a binary frame that holds a valid connect as UTF-8 text', async () => {
      const client = await RawClient.open(gateway.url);
      const challenge = await client.challenge();
      const frame = { type: 'req', id: 'bin', method: 'connect', params: buildConnectParams(challenge, { token: gateway.token }) };
      client.send(Buffer.from(JSON.stringify(frame), 'utf8'));
      expect((await client.response('bin')).ok).toBe(true);
      client.close();
    });

    it('closes 1008 "invalid request frame" when the first frame is an event', async () => {
      const client = await opened();
      client.send({ type: 'event', event: 'hello' });
      expect(await client.closed).toEqual({ code: 1008, reason: 'invalid request frame' });
    });

    it('answers a first request other than connect and closes 1008', async () => {
      const client = await opened();
      client.send({ type: 'req', id: 'r1', method: 'health' });
      const response = await client.response('r1');
      expect(response.error).toEqual({ code: 'INVALID_REQUEST', message: 'invalid handshake: first request must be connect' });
      expect(await client.closed).toEqual({ code: 1008, reason: 'invalid handshake: first request must be connect' });
    });

    it('answers schema-invalid connect params with the first schema error and closes 1008', async () => {
      const client = await opened();
      client.send({ type: 'req', id: 'c1', method: 'connect', params: { minProtocol: 3, maxProtocol: 3 } });
      const response = await client.response('c1');
      expect(response.error.message).toBe("invalid connect params: must have required property 'client'");
      expect((await client.closed).code).toBe(1008);
    });

    it('closes 1009 on a first frame larger than 64 KiB', async () => {
      const client = await opened();
      client.send({ type: 'req', id: 'big', method: 'connect', params: { pad: 'x'.repeat(70_000) } });
      expect((await client.closed).code).toBe(1009);
      expect(client.frames).toHaveLength(1);
    });

    it('refuses an unknown role with "invalid role"', async () => {
      const client = await opened();
      const challenge = client.frames[0]!.payload;
      client.send({ type: 'req', id: 'c', method: 'connect', params: { ...buildConnectParams(challenge, { token: gateway.token }), role: 'device' } });
      expect((await client.response('c')).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'invalid role' });
      expect(await client.closed).toEqual({ code: 1008, reason: 'invalid role' });
    });
  });

  describe('after the handshake', () => {
    it('answers malformed request frames with INVALID_REQUEST and keeps the socket open', async () => {
      const { client } = await connectClient(gateway.url, { token: gateway.token });
      client.send({ type: 'req', id: 'no-method' });
      const noMethod = await client.response('no-method');
      expect(noMethod.error.code).toBe('INVALID_REQUEST');
      expect(noMethod.error.message).toMatch(/^invalid request frame: /);
      client.send({ type: 'req', method: 'health' });
      const noId = await client.response('invalid');
      expect(noId.error.message).toMatch(/^invalid request frame/);
      client.send('{not json');
      client.send({ type: 'event', event: 'x' });
      expect((await client.request('health')).ok).toBe(true);
      client.close();
    });

    it('answers unknown methods after the scope check', async () => {
      const { client } = await connectClient(gateway.url, { token: gateway.token });
      expect((await client.request('no.such.method')).error).toEqual({ code: 'INVALID_REQUEST', message: 'unknown method: no.such.method' });
      expect((await client.request('push.test', {})).error.message).toBe('unknown method: push.test');
      client.close();
    });

    it('reports a missing scope as INVALID_REQUEST on protocol 3 and FORBIDDEN on 4, with the same details', async () => {
      const details = { code: 'MISSING_SCOPE', missingScope: 'operator.admin', requiredScopes: ['operator.admin'] };
      const v3 = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] });
      const v4 = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'], minProtocol: 4, maxProtocol: 4 });
      expect((await v3.client.request('config.get')).error).toEqual({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin', details });
      expect((await v4.client.request('config.get')).error).toEqual({ code: 'FORBIDDEN', message: 'missing scope: operator.admin', details });
      // An unknown method needs admin first: the scope error wins over "unknown method".
      expect((await v3.client.request('no.such.method')).error.message).toBe('missing scope: operator.admin');
      // write implies read; pairing is never implied by write.
      const writer = await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.write'] });
      expect((await writer.client.request('status')).ok).toBe(true);
      expect((await writer.client.request('device.pair.list')).error.message).toBe('missing scope: operator.pairing');
      for (const c of [v3, v4, writer]) c.client.close();
    });

    it('validates params and names the first problem', async () => {
      const { client } = await connectClient(gateway.url, { token: gateway.token });
      expect((await client.request('logs.tail', { limit: 0 })).error).toEqual({
        code: 'INVALID_REQUEST',
        message: 'invalid logs.tail params: at /limit: must be >= 1',
      });
      expect((await client.request('device.pair.approve', {})).error.message).toBe(
        "invalid device.pair.approve params: must have required property 'requestId'",
      );
      expect((await client.request('health', 'not an object')).error.message).toMatch(/^invalid health params: /);
      expect((await client.request('system-event', { text: 42 })).error.message).toBe('invalid system-event params: at /text: must be string');
      client.close();
    });

    it('closes a client after more than 10 consecutive unauthorized-role calls', async () => {
      const { client } = await connectClient(gateway.url, { token: gateway.token });
      for (let i = 0; i < 11; i++) client.send({ type: 'req', id: `n${i}`, method: 'node.invoke.result', params: {} });
      const first = await client.response('n0');
      expect(first.error).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: operator' });
      expect(await client.closed).toEqual({ code: 1008, reason: 'repeated unauthorized calls' });
    });

    it('queues frames sent while connect is processed and answers them after hello-ok', async () => {
      const client = await RawClient.open(gateway.url);
      const challenge = await client.challenge();
      client.send({ type: 'req', id: 'c', method: 'connect', params: buildConnectParams(challenge, { token: gateway.token }) });
      client.send({ type: 'req', id: 'h', method: 'health' });
      expect((await client.response('c')).ok).toBe(true);
      expect((await client.response('h')).ok).toBe(true);
      client.close();
    });
  });
});
