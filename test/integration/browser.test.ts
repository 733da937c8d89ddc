import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode, nextInvoke, type TestNode } from '../helpers/node-client.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

// browser.request through a node: the test node plays a node host with a browser, answering the
// gateway's `browser.proxy` invokes the way OpenClaw's node host does ({result, files?}).

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('browser.request', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  async function browserNode(): Promise<TestNode> {
    const requested = admin.nextNew((frame) => frame.event === 'node.pair.requested');
    const node = await connectNode(gateway.url, { token: gateway.token, displayName: 'Desk browser', caps: ['browser'], commands: ['browser.proxy'] });
    await admin.call('node.pair.approve', { requestId: (await requested).payload.requestId });
    await node.client.event('node.pair.resolved');
    return node;
  }

  /** Sends browser.request and returns the answer plus the invoke the node received. */
  async function relay(node: TestNode, params: Record<string, unknown>): Promise<{ response: Promise<Frame>; invoke: Frame }> {
    const delivered = nextInvoke(node);
    const response = admin.request('browser.request', params, 15_000);
    return { response, invoke: (await delivered).payload };
  }

  it('says browser control is unavailable while no browser node is connected, and never runs one on the host', async () => {
    expect((await admin.request('browser.request', { method: 'GET', path: '/tabs' })).error).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'browser control is disabled: no browser node connected',
    });
    expect((await admin.request('browser.request', { method: 'GET', path: '/tabs', target: 'host' })).error).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('invokes browser.proxy on the browser node and answers with its result, files saved locally', async () => {
    const node = await browserNode();
    const tabs = await relay(node, { method: 'GET', path: '/tabs', query: { profile: 'default' } });
    expect(tabs.invoke).toMatchObject({ nodeId: node.nodeId, command: 'browser.proxy' });
    expect(JSON.parse(tabs.invoke.paramsJSON)).toEqual({ method: 'GET', path: '/tabs', query: { profile: 'default' }, timeoutMs: 30_000 });
    await node.client.call('node.invoke.result', { id: tabs.invoke.id, nodeId: node.nodeId, ok: true, payload: { result: { tabs: [{ id: 't1', url: 'https://example.org/' }] } } });
    expect((await tabs.response).payload).toEqual({ tabs: [{ id: 't1', url: 'https://example.org/' }] });

    const shot = await relay(node, { method: 'POST', path: '/screenshot', body: { fullPage: true }, timeoutMs: 10_000 });
    expect(JSON.parse(shot.invoke.paramsJSON)).toMatchObject({ body: { fullPage: true }, timeoutMs: 10_000 });
    const remote = '/home/node/.openclaw/media/shot-1.png';
    await node.client.call('node.invoke.result', {
      id: shot.invoke.id,
      nodeId: node.nodeId,
      ok: true,
      payload: { result: { ok: true, path: remote }, files: [{ path: remote, base64: PNG.toString('base64'), mimeType: 'image/png' }] },
    });
    const saved = (await shot.response).payload;
    expect(saved.path).toMatch(new RegExp(`^${join(gateway.stateDir, 'browser')}/[0-9a-f-]{36}\\.png$`));
    expect(readFileSync(saved.path)).toEqual(PNG);
    node.client.close();
  });

  it('turns the route\'s 4xx into INVALID_REQUEST and other node failures into UNAVAILABLE', async () => {
    const node = await browserNode();
    const missing = await relay(node, { method: 'POST', path: '/act', body: { kind: 'click', ref: 'e404' } });
    await node.client.call('node.invoke.result', { id: missing.invoke.id, nodeId: node.nodeId, ok: false, error: { code: 'INVALID_REQUEST', message: '404: tab not found' } });
    expect((await missing.response).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'browser.request: 404: tab not found' });

    const down = await relay(node, { method: 'GET', path: '/snapshot' });
    await node.client.call('node.invoke.result', { id: down.invoke.id, nodeId: node.nodeId, ok: false, error: { code: 'UNAVAILABLE', message: 'browser is not running' } });
    expect((await down.response).error).toMatchObject({ code: 'UNAVAILABLE', message: 'browser proxy failed: browser is not running' });
    node.client.close();
  });
});
