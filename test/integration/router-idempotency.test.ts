import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { connectNode, nextInvoke, type TestNode } from '../helpers/node-client.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// Spec §12: methods that require an idempotency key are deduplicated by the router itself.

describe('the router deduplicates every method that requires an idempotency key', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let node: TestNode;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, device: createTestDevice(), client: { id: 'admin-ui', mode: 'ui' } })).client;
    const requested = admin.nextNew((frame) => frame.event === 'node.pair.requested');
    node = await connectNode(gateway.url, { token: gateway.token, commands: ['device.info'] });
    await admin.call('node.pair.approve', { requestId: (await requested).payload.requestId });
    await node.client.event('node.pair.resolved');
  });
  afterAll(async () => {
    admin.close();
    node.client.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('forwards a node.invoke retried while in flight and after it answered to the node once', async () => {
    const body = { nodeId: node.nodeId, command: 'device.info', idempotencyKey: 'invoke-once' };
    const delivered = nextInvoke(node);
    const first = admin.request('node.invoke', body, 10_000);
    const request = await delivered;
    const retriedWhileRunning = admin.request('node.invoke', body, 10_000);
    await node.client.call('node.invoke.result', { id: request.payload.id, nodeId: node.nodeId, ok: true, payloadJSON: '{"n":1}' });
    expect((await first).payload).toMatchObject({ ok: true, payload: { n: 1 } });
    expect((await retriedWhileRunning).payload).toMatchObject({ ok: true, payload: { n: 1 } });
    expect((await admin.request('node.invoke', body)).payload).toMatchObject({ ok: true, payload: { n: 1 } });
    expect(node.client.events('node.invoke.request')).toHaveLength(1);
  });

  it('does not hand one caller the answer to another caller who used the same key', async () => {
    const body = { nodeId: node.nodeId, command: 'device.info', idempotencyKey: 'shared-key' };
    const delivered = nextInvoke(node);
    const mine = admin.request('node.invoke', body, 10_000);
    const request = await delivered;
    await node.client.call('node.invoke.result', { id: request.payload.id, nodeId: node.nodeId, ok: true, payloadJSON: '{"secret":"mine"}' });
    await mine;

    const other = (await connectClient(gateway.url, { token: gateway.token, device: createTestDevice(), scopes: ['operator.write'] })).client;
    const secondDelivery = nextInvoke(node);
    const theirs = other.request('node.invoke', body, 10_000);
    const second = await secondDelivery;
    await node.client.call('node.invoke.result', { id: second.payload.id, nodeId: node.nodeId, ok: true, payloadJSON: '{"secret":"theirs"}' });
    expect((await theirs).payload).toMatchObject({ payload: { secret: 'theirs' } });
    other.close();
  });
});
