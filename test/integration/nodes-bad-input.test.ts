import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode, type TestNode } from '../helpers/node-client.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

type Case = [params: unknown, message: string];

// Every node.* method (and skills.bins) with missing and wrong-typed params. The message is the
// router's: `invalid <method as called> params: <first schema error>`.
const OPERATOR_CASES: Record<string, Case[]> = {
  'node.describe': [
    [{}, "must have required property 'nodeId'"],
    [{ nodeId: 7 }, 'at /nodeId: must be string'],
    [{ nodeId: '' }, 'at /nodeId: must not have fewer than 1 characters'],
  ],
  'node.rename': [
    [{ nodeId: 'n' }, "must have required property 'displayName'"],
    [{ nodeId: 'n', displayName: 5 }, 'at /displayName: must be string'],
    [{ nodeId: 'n', displayName: '   ' }, 'displayName must not be blank'],
  ],
  'node.invoke': [
    [{ nodeId: 'n', command: 'device.info' }, "must have required property 'idempotencyKey'"],
    [{ command: 'device.info', idempotencyKey: 'k' }, "must have required property 'nodeId'"],
    [{ nodeId: 'n', idempotencyKey: 'k' }, "must have required property 'command'"],
    [{ nodeId: 'n', command: 'device.info', idempotencyKey: 'k', timeoutMs: 'soon' }, 'at /timeoutMs: must be integer'],
    [{ nodeId: 'n', command: 'device.info', idempotencyKey: 'k', timeoutMs: -1 }, 'at /timeoutMs: must be >= 0'],
    [{ nodeId: 'n', command: 'device.info', idempotencyKey: 'k', timeoutMs: 600_001 }, 'at /timeoutMs: must be <= 600000'],
    [{ nodeId: 'n', command: '', idempotencyKey: 'k' }, 'at /command: must not have fewer than 1 characters'],
  ],
  'node.pair.approve': [
    [{}, "must have required property 'requestId'"],
    [{ requestId: 1 }, 'at /requestId: must be string'],
  ],
  'node.pair.reject': [
    [{}, "must have required property 'requestId'"],
    [{ requestId: null }, 'at /requestId: must be string'],
  ],
  'node.pair.request': [
    [{}, "must have required property 'nodeId'"],
    [{ nodeId: 'n', caps: 'camera' }, 'at /caps: must be array'],
    [{ nodeId: 'n', commands: [1] }, 'at /commands/0: must be string'],
    [{ nodeId: 'n', silent: 'yes' }, 'at /silent: must be boolean'],
  ],
  'node.pair.verify': [
    [{ nodeId: 'n' }, "must have required property 'token'"],
    [{ token: 't' }, "must have required property 'nodeId'"],
  ],
  'nodes.describe': [[{}, "must have required property 'nodeId'"]],
  'nodes.invoke': [[{ nodeId: 'n', command: 'x' }, "must have required property 'idempotencyKey'"]],
  'nodes.rename': [[{ nodeId: 'n' }, "must have required property 'displayName'"]],
  'nodes.pair.approve': [[{}, "must have required property 'requestId'"]],
  'nodes.pair.reject': [[{}, "must have required property 'requestId'"]],
};

const NODE_CASES: Record<string, Case[]> = {
  'node.invoke.result': [
    [{ id: 'i', nodeId: 'n' }, "must have required property 'ok'"],
    [{ nodeId: 'n', ok: true }, "must have required property 'id'"],
    [{ id: 'i', nodeId: 'n', ok: 'yes' }, 'at /ok: must be boolean'],
    [{ id: 'i', nodeId: 'n', ok: false, error: 'boom' }, 'at /error: must be object'],
    [{ id: 'i', nodeId: 'n', ok: true, payloadJSON: 42 }, 'at /payloadJSON: must be string'],
  ],
  'node.event': [
    [{}, "must have required property 'event'"],
    [{ event: 5 }, 'at /event: must be string'],
    [{ event: 'x', payloadJSON: {} }, 'at /payloadJSON: must be string'],
  ],
};

describe('node methods reject bad input', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let node: TestNode;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
    node = await connectNode(gateway.url, { token: gateway.token, commands: ['device.info'] });
  });
  afterAll(async () => {
    admin.close();
    node.client.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  async function expectRejected(client: RawClient, method: string, cases: Case[]): Promise<void> {
    for (const [params, problem] of cases) {
      const { error } = await client.request(method, params);
      expect(error, `${method} ${JSON.stringify(params)}`).toEqual({ code: 'INVALID_REQUEST', message: `invalid ${method} params: ${problem}` });
    }
  }

  it.each(Object.keys(OPERATOR_CASES))('%s', async (method) => {
    await expectRejected(admin, method, OPERATOR_CASES[method] as Case[]);
  });

  it.each(Object.keys(NODE_CASES))('%s', async (method) => {
    await expectRejected(node.client, method, NODE_CASES[method] as Case[]);
  });

  it('rejects params that are not an object on every node method', async () => {
    for (const method of ['node.list', 'node.pair.list', 'node.describe', 'node.invoke']) {
      expect((await admin.request(method, 'nope')).error.message).toBe(`invalid ${method} params: must be object`);
    }
    for (const method of ['node.event', 'node.invoke.result', 'skills.bins']) {
      expect((await node.client.request(method, [1, 2])).error.message).toBe(`invalid ${method} params: must be object`);
    }
  });

  it('refuses keys a method does not define, accepts the protocol-4 ones it ignores; oversize timeouts never reach a node', async () => {
    expect((await node.client.request('skills.bins', { extra: true })).error).toMatchObject({ code: 'INVALID_REQUEST', message: "invalid skills.bins params: unexpected property 'extra'" });
    expect((await admin.request('node.list', { filter: 'x' })).error?.message).toBe("invalid node.list params: unexpected property 'filter'");
    const withTurnSource = await admin.request('node.invoke', { nodeId: 'no-such-node', command: 'device.info', idempotencyKey: 'k4', turnSourceChannel: 'telegram' });
    expect(withTurnSource.error?.message).not.toContain('unexpected property');
    const huge = await admin.request('node.invoke', { nodeId: node.nodeId, command: 'device.info', idempotencyKey: 'k', timeoutMs: 10 ** 9 });
    expect(huge.error.code).toBe('INVALID_REQUEST');
    expect(node.client.events('node.invoke.request')).toEqual([]);
  });

  it('answers replayed approvals and results without side effects', async () => {
    const { pending } = await admin.call('node.pair.list');
    const requestId = pending[0].requestId as string;
    expect((await admin.request('node.pair.approve', { requestId })).ok).toBe(true);
    expect((await admin.request('node.pair.approve', { requestId })).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown requestId' });
    expect(await node.client.call('node.invoke.result', { id: 'replayed', nodeId: node.nodeId, ok: true })).toEqual({ ok: true, ignored: true });
  });
});
