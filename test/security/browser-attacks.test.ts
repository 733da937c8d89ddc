import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode, nextInvoke, type TestNode } from '../helpers/node-client.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// browser.request drives a real browser on a node: a read-only client may not, paths that try to
// leave the route space are refused before any node hears of them, a node that never declared
// the browser is never used, and what a node sends back cannot name files outside our folder.

describe('browser attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  let node: TestNode;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
    const requested = admin.nextNew((frame) => frame.event === 'node.pair.requested');
    node = await connectNode(gateway.url, { token: gateway.token, caps: ['browser'], commands: ['browser.proxy'] });
    await admin.call('node.pair.approve', { requestId: (await requested).payload.requestId });
    await node.client.event('node.pair.resolved');
  });
  afterAll(async () => {
    node.client.close();
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('a read-only device cannot drive the browser, and the node hears nothing', async () => {
    const device = createTestDevice();
    const first = await connectClient(gateway.url, { token: gateway.token, device, scopes: ['operator.read'] });
    first.client.close();
    const reader = (await connectClient(gateway.url, { device, deviceToken: first.hello.auth.deviceToken as string, scopes: ['operator.read'] })).client;
    const before = node.client.events('node.invoke.request').length;
    const response = await reader.request('browser.request', { method: 'GET', path: '/tabs' });
    expect(response.error).toMatchObject({ details: { code: 'MISSING_SCOPE', missingScope: 'operator.write' } });
    expect(node.client.events('node.invoke.request').length).toBe(before);
    reader.close();
  });

  it.each([
    [{ method: 'PUT', path: '/tabs' }],
    [{ method: 'GET', path: 'tabs' }],
    [{ method: 'GET', path: 'http://169.254.169.254/latest' }],
    [{ method: 'GET', path: '/a\\b' }],
    [{ method: 'GET', path: '/tabs\r\nHost: evil' }],
    [{ method: 'GET', path: '/tabs/../../admin' }],
    [{ method: 'GET', path: '/' + 'x'.repeat(2_048) }],
    [{ method: 'GET', path: '/tabs', timeoutMs: 600_000 }],
    [{ method: 'GET', path: '/tabs', timeoutMs: 0 }],
    [{ method: 'GET', path: '/tabs', query: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 1])) }],
    [{ method: 'GET', path: '/tabs', query: { nested: { a: 1 } } }],
    [{ method: 'GET', path: '/tabs', target: 'cloud' }],
    [{ method: 'GET', path: '/tabs', profile: 'default' }],
  ])('refuses %j before any node hears of it', async (params) => {
    const before = node.client.events('node.invoke.request').length;
    const response = await admin.request('browser.request', params);
    expect(response.error?.code).toBe('INVALID_REQUEST');
    expect(node.client.events('node.invoke.request').length).toBe(before);
  });

  it('never uses a node that did not declare the browser, even when named', async () => {
    const other = await connectNode(gateway.url, { token: gateway.token, caps: ['camera'], commands: ['camera.snap'] });
    const response = await admin.request('browser.request', { method: 'GET', path: '/tabs', node: other.nodeId });
    expect(response.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('no browser node') });
    expect(other.client.events('node.invoke.request')).toEqual([]);
    other.client.close();
  });

  it('saves what the node sends under names of its own, and a replayed result changes nothing', async () => {
    const delivered = nextInvoke(node);
    const response = admin.request('browser.request', { method: 'POST', path: '/screenshot' }, 15_000);
    const invoke = (await delivered).payload;
    const result = { id: invoke.id, nodeId: node.nodeId, ok: true, payload: { result: { path: '../../../../etc/cron.d/evil' }, files: [{ path: '../../../../etc/cron.d/evil', base64: Buffer.from('* * * * * root sh').toString('base64') }] } };
    await node.client.call('node.invoke.result', result);
    const answered = (await response).payload;
    expect(answered.path.startsWith(join(gateway.stateDir, 'browser'))).toBe(true);
    expect(readdirSync(join(gateway.stateDir, 'browser')).every((name) => /^[0-9a-f-]{36}$/.test(name))).toBe(true);

    const responsesBefore = admin.frames.filter((frame) => frame.type === 'res').length;
    await node.client.request('node.invoke.result', result);
    expect(admin.frames.filter((frame) => frame.type === 'res').length).toBe(responsesBefore);
  });
});
