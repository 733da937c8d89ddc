import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode, type TestNode } from '../helpers/node-client.js';
import { attemptConnect, connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { referenceFrameErrors } from '../helpers/reference-schemas.js';

const REMOTE = { 'x-forwarded-for': '203.0.113.50' };

/** Polls until `check` holds: the gateway learns of a socket close a moment after the client does. */
async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('node pairing, listing and presence', () => {
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

  async function operator(scopes: string[], protocol = 3): Promise<RawClient> {
    return (await connectClient(gateway.url, { token: gateway.token, scopes, minProtocol: protocol, maxProtocol: protocol })).client;
  }

  /** Connects a fresh node and returns it with the request it caused. */
  async function pendingNode(commands: string[], caps: string[] = ['system']): Promise<{ node: TestNode; request: Frame }> {
    const requested = admin.nextNew((f) => f.event === 'node.pair.requested');
    const node = await connectNode(gateway.url, { token: gateway.token, commands, caps });
    const request = (await requested).payload as Frame;
    expect(request.nodeId).toBe(node.nodeId);
    return { node, request };
  }

  it('needs operator.pairing to approve, plus write for ordinary commands and admin for system.run', async () => {
    const writer = await operator(['operator.read', 'operator.write']);
    const pairer = await operator(['operator.pairing']);
    const pairWriter = await operator(['operator.pairing', 'operator.write'], 4);

    const ordinary = await pendingNode(['device.info']);
    const noPairing = await writer.request('node.pair.approve', { requestId: ordinary.request.requestId });
    expect(noPairing.error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'missing scope: operator.pairing',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.pairing', requiredScopes: ['operator.pairing'] },
    });
    expect((await pairer.request('node.pair.approve', { requestId: ordinary.request.requestId })).error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'missing scope: operator.write',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.write', requiredScopes: ['operator.write'] },
    });
    expect((await pairWriter.request('node.pair.approve', { requestId: ordinary.request.requestId })).ok).toBe(true);

    const runner = await pendingNode(['device.info', 'system.run']);
    const needsAdmin = await pairWriter.request('node.pair.approve', { requestId: runner.request.requestId });
    // Protocol 4 reports a missing scope as FORBIDDEN (spec §7.4).
    expect(needsAdmin.error).toMatchObject({ code: 'FORBIDDEN', message: 'missing scope: operator.admin', details: { missingScope: 'operator.admin' } });
    expect((await admin.request('node.pair.approve', { requestId: runner.request.requestId })).ok).toBe(true);

    // A request that declares no commands needs nothing beyond operator.pairing.
    const capsOnly = await pendingNode([], ['canvas']);
    expect(capsOnly.request.commands).toEqual([]);
    expect((await pairer.request('node.pair.approve', { requestId: capsOnly.request.requestId })).ok).toBe(true);

    for (const client of [writer, pairer, pairWriter, ordinary.node.client, runner.node.client, capsOnly.node.client]) client.close();
  });

  it('rejects a request, tells the node, and keeps its commands unusable', async () => {
    const { node, request } = await pendingNode(['device.info']);
    const rejected = await admin.call('node.pair.reject', { requestId: request.requestId });
    expect(rejected).toEqual({ requestId: request.requestId, nodeId: node.nodeId });
    const pushed = await node.client.event('node.pair.resolved');
    expect(pushed.seq).toBeUndefined();
    expect(pushed.payload).toMatchObject({ requestId: request.requestId, decision: 'rejected' });
    expect((await admin.request('node.pair.reject', { requestId: request.requestId })).error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown requestId' });
    expect((await admin.request('node.pair.approve', { requestId: request.requestId })).error.message).toBe('unknown requestId');
    const refused = await admin.request('node.invoke', { nodeId: node.nodeId, command: 'device.info', idempotencyKey: 'rej' });
    expect(refused.error.details.reason).toBe('awaiting-approval');
    node.client.close();
  });

  it('holds a remote node at device pairing first, then asks for its commands', async () => {
    const device = createTestDevice();
    const node = { role: 'node', scopes: [], device, client: { id: 'node-host', mode: 'node' }, commands: ['device.info'] };
    const denied = await attemptConnect(gateway.url, { token: gateway.token, headers: REMOTE, ...node });
    expect(denied.response.error.details).toMatchObject({ code: 'PAIRING_REQUIRED', reason: 'not-paired', requestedRole: 'node' });
    await admin.call('device.pair.approve', { requestId: denied.response.error.details.requestId });

    const requested = admin.nextNew((f) => f.event === 'node.pair.requested');
    const { client } = await connectClient(gateway.url, { token: gateway.token, headers: REMOTE, ...node });
    expect((await requested).payload).toMatchObject({ nodeId: device.id, commands: ['device.info'], remoteIp: '127.0.0.1', silent: false });
    const described = await admin.call('node.describe', { nodeId: device.id });
    expect(described).toMatchObject({ remoteIp: '127.0.0.1', connected: true, paired: true });
    client.close();
  });

  it('lists pending requests and paired nodes', async () => {
    const { node, request } = await pendingNode(['device.info']);
    const before = await admin.call('node.pair.list');
    expect(before.pending).toContainEqual(request);
    const paired = before.paired.find((entry: Frame) => entry.nodeId === node.nodeId);
    expect(paired).toMatchObject({ nodeId: node.nodeId, commands: [], caps: [] });
    expect(paired.approvedAtMs).toBeUndefined();

    await admin.call('node.pair.approve', { requestId: request.requestId });
    const after = await admin.call('nodes.pair.list');
    expect(after.pending.map((entry: Frame) => entry.requestId)).not.toContain(request.requestId);
    expect(after.paired.find((entry: Frame) => entry.nodeId === node.nodeId)).toMatchObject({
      commands: ['device.info'],
      caps: ['system'],
      approvedAtMs: expect.any(Number),
      approvedBy: 'admin-ui',
    });
    node.client.close();
  });

  it('lists, describes and renames nodes under node.* and the unadvertised nodes.* spellings', async () => {
    const online = await connectNode(gateway.url, { token: gateway.token, displayName: 'zz online' });
    const offline = await connectNode(gateway.url, { token: gateway.token, displayName: 'aa offline' });
    offline.client.close();
    await until(async () => !(await admin.call('node.describe', { nodeId: offline.nodeId })).connected);

    const list = await admin.request('node.list', {});
    expect(referenceFrameErrors(list)).toEqual([]);
    expect(list.payload.ts).toEqual(expect.any(Number));
    const ids = list.payload.nodes.map((row: Frame) => row.nodeId);
    // Connected first, then by name: the offline "aa" node comes after the online "zz" node.
    expect(ids.indexOf(online.nodeId)).toBeLessThan(ids.indexOf(offline.nodeId));
    const offlineRow = list.payload.nodes.find((row: Frame) => row.nodeId === offline.nodeId);
    expect(offlineRow).toMatchObject({ displayName: 'aa offline', paired: true, connected: false, lastSeenAtMs: expect.any(Number) });
    expect(offlineRow.connectedAtMs).toBeUndefined();
    const connected = list.payload.nodes.map((row: Frame) => row.connected as boolean);
    expect(connected).toEqual([...connected].sort((a, b) => Number(b) - Number(a)));

    expect(await admin.call('nodes.list')).toMatchObject({ nodes: expect.any(Array) });
    const described = await admin.call('nodes.describe', { nodeId: online.nodeId });
    expect(described).toMatchObject({
      ts: expect.any(Number),
      nodeId: online.nodeId,
      displayName: 'zz online',
      platform: 'linux',
      version: '1.0.0',
      clientId: 'node-host',
      clientMode: 'node',
      caps: [],
      commands: [],
      paired: true,
      connected: true,
      connectedAtMs: expect.any(Number),
    });
    expect((await admin.request('node.describe', { nodeId: 'nope' })).error).toEqual({
      code: 'INVALID_REQUEST',
      message: 'unknown nodeId',
      details: { nodeId: 'nope' },
    });

    expect(await admin.call('node.rename', { nodeId: offline.nodeId, displayName: '  Garage Pi  ' })).toEqual({ nodeId: offline.nodeId, displayName: 'Garage Pi' });
    expect(await admin.call('nodes.rename', { nodeId: online.nodeId, displayName: 'Desk' })).toEqual({ nodeId: online.nodeId, displayName: 'Desk' });
    expect((await admin.call('node.describe', { nodeId: offline.nodeId })).displayName).toBe('Garage Pi');
    expect((await admin.request('node.rename', { nodeId: 'nope', displayName: 'x' })).error.message).toBe('unknown nodeId');
    const reader = await operator(['operator.read']);
    expect((await reader.request('node.rename', { nodeId: online.nodeId, displayName: 'x' })).error.message).toBe('missing scope: operator.pairing');
    expect((await reader.call('node.list')).nodes.length).toBeGreaterThan(0);
    reader.close();

    const { hello } = await connectClient(gateway.url, { token: gateway.token });
    const methods: string[] = hello.features.methods;
    for (const name of ['node.list', 'node.describe', 'node.rename', 'node.invoke', 'node.pair.list', 'node.pair.approve', 'node.pair.reject', 'node.pair.request', 'node.pair.verify']) {
      expect(methods).toContain(name);
    }
    expect(methods.filter((name) => name.startsWith('nodes.'))).toEqual([]);
    online.client.close();
  });

  it('shows one presence row for a device connected both as operator and as node', async () => {
    const device = createTestDevice();
    const asOperator = await connectClient(gateway.url, { token: gateway.token, device, scopes: ['operator.read'], client: { id: 'tray', mode: 'ui' } });
    const merged = admin.nextNew((f) => f.event === 'presence' && f.payload.presence.some((e: Frame) => e.deviceId === device.id && e.roles?.length === 2));
    const asNode = await connectNode(gateway.url, { token: gateway.token, device });
    const rows = (await merged).payload.presence.filter((entry: Frame) => entry.deviceId === device.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ roles: ['node', 'operator'], scopes: ['operator.read'] });
    const listed = (await admin.call('system-presence')) as Frame[];
    expect(listed.filter((entry) => entry.deviceId === device.id)).toHaveLength(1);

    const split = admin.nextNew((f) => f.event === 'presence' && f.payload.presence.some((e: Frame) => e.deviceId === device.id && e.roles?.length === 1));
    asNode.client.close();
    expect((await split).payload.presence.find((e: Frame) => e.deviceId === device.id).roles).toEqual(['operator']);
    asOperator.client.close();
  });

  it('keeps the v3 node.pair.request and node.pair.verify as thin wrappers', async () => {
    const requested = admin.nextNew((f) => f.event === 'node.pair.requested');
    const params = { nodeId: 'legacy-node-1', displayName: 'Old Phone', platform: 'ios', coreVersion: '2026.1.5', caps: ['camera'], commands: ['location.get', 'camera.snap'] };
    const first = await admin.call('node.pair.request', params);
    // camera.snap is dangerous and not allowlisted here, so it is not asked about.
    expect(first).toEqual({
      status: 'pending',
      created: true,
      request: {
        requestId: expect.any(String),
        nodeId: 'legacy-node-1',
        displayName: 'Old Phone',
        platform: 'ios',
        coreVersion: '2026.1.5',
        caps: ['camera'],
        commands: ['location.get'],
        permissions: {},
        silent: false,
        ts: expect.any(Number),
      },
    });
    expect((await requested).payload).toEqual(first.request);
    const again = await admin.call('node.pair.request', params);
    expect(again).toEqual({ status: 'pending', created: false, request: first.request });

    await admin.call('node.pair.approve', { requestId: first.request.requestId });
    const { paired } = await admin.call('node.pair.list');
    expect(paired.find((entry: Frame) => entry.nodeId === 'legacy-node-1')).toMatchObject({ displayName: 'Old Phone', platform: 'ios', commands: ['location.get'] });
    expect(await admin.call('node.describe', { nodeId: 'legacy-node-1' })).toMatchObject({ paired: true, connected: false, commands: ['location.get'] });

    const node = await connectNode(gateway.url, { token: gateway.token });
    const token = node.hello.auth.deviceToken as string;
    const verified = await admin.call('node.pair.verify', { nodeId: node.nodeId, token });
    expect(verified).toMatchObject({ ok: true, node: { nodeId: node.nodeId, connected: true } });
    expect(await admin.call('node.pair.verify', { nodeId: node.nodeId, token: 'wrong-token' })).toEqual({ ok: false });
    expect(await admin.call('node.pair.verify', { nodeId: 'legacy-node-1', token })).toEqual({ ok: false });
    node.client.close();
  });
});

describe('node approvals are durable', () => {
  it('remembers approvals and names across a gateway restart', async () => {
    let gateway = await startGateway();
    const stateDir = gateway.stateDir;
    try {
      let admin = (await connectClient(gateway.url, { token: gateway.token })).client;
      const requested = admin.nextNew((f) => f.event === 'node.pair.requested');
      const first = await connectNode(gateway.url, { token: gateway.token, commands: ['device.info'] });
      await admin.call('node.pair.approve', { requestId: (await requested).payload.requestId });
      await admin.call('node.rename', { nodeId: first.nodeId, displayName: 'Attic' });
      const pending = await connectNode(gateway.url, { token: gateway.token, commands: ['device.info'] });
      first.client.close();
      pending.client.close();
      admin.close();
      await gateway.stop();

      gateway = await startGateway({ stateDir });
      admin = (await connectClient(gateway.url, { token: gateway.token })).client;
      const { nodes } = await admin.call('node.list');
      expect(nodes.find((row: Frame) => row.nodeId === first.nodeId)).toMatchObject({ displayName: 'Attic', connected: false, paired: true, commands: ['device.info'] });
      // Pending capability requests survive too: they never expire.
      expect((await admin.call('node.pair.list')).pending.map((r: Frame) => r.nodeId)).toEqual([pending.nodeId]);

      const back = await connectNode(gateway.url, { token: gateway.token, device: first.device, commands: ['device.info'] });
      expect((await admin.call('node.describe', { nodeId: back.nodeId })).commands).toEqual(['device.info']);
      expect(admin.events('node.pair.requested')).toEqual([]);
      back.client.close();
      admin.close();
    } finally {
      await gateway.stop();
      removeStateDir(stateDir);
    }
  });
});
