import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectNode, nextInvoke, type TestNode } from '../helpers/node-client.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { referenceErrors, referenceFrameErrors } from '../helpers/reference-schemas.js';

// `gateway.nodes` is an OpenClaw key the config schema ignores; the gateway still reads it.
const CONFIG = JSON.stringify({ gateway: { nodes: { commands: { allow: ['camera.snap'], deny: ['device.forbidden'] } } } });

describe('nodes: connect, capability approval, invoke', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;

  beforeAll(async () => {
    gateway = await startGateway({ config: CONFIG });
    admin = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'admin-ui', mode: 'ui' } })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  /** Connects a node and approves whatever it asks for; returns it ready to be invoked. */
  async function approvedNode(commands: string[], extra: { displayName?: string } = {}): Promise<TestNode> {
    const node = await connectNode(gateway.url, { token: gateway.token, commands, caps: ['system'], ...extra });
    // This node's request, whenever it arrived: a request of a node an earlier step connected can
    // still be on its way to the admin connection (another socket, no order between the two).
    const { payload } = await admin.next((f) => f.event === 'node.pair.requested' && f.payload?.nodeId === node.nodeId);
    await admin.call('node.pair.approve', { requestId: payload.requestId });
    await node.client.event('node.pair.resolved');
    return node;
  }

  /** Sends `node.invoke` as an operator and returns the response promise plus the request the node got. */
  async function invoke(node: TestNode, params: Record<string, unknown>): Promise<{ response: Promise<Frame>; request: Frame }> {
    const body = { nodeId: node.nodeId, idempotencyKey: `key-${Math.random()}`, ...params };
    expect(referenceErrors('NodeInvokeParams', body)).toEqual([]);
    const delivered = nextInvoke(node);
    const response = admin.request('node.invoke', body, 15_000);
    return { response, request: await delivered };
  }

  it('pairs a node, asks an operator to approve its commands, then relays an invoke end to end', async () => {
    const requested = admin.nextNew((f) => f.event === 'node.pair.requested');
    const node = await connectNode(gateway.url, {
      token: gateway.token,
      displayName: 'Kitchen Mac',
      caps: ['system', 'camera', 'screen'],
      commands: ['device.info', 'system.run', 'camera.snap', 'screen.record', 'device.forbidden'],
      permissions: { 'camera.capture': true, accessibility: false },
    });
    expect(node.hello.auth).toMatchObject({ role: 'node', scopes: [], deviceToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    // screen.record is dangerous and not allowed by config; device.forbidden is denied: not worth asking about.
    const request = (await requested).payload;
    expect(request).toEqual({
      requestId: expect.any(String),
      nodeId: node.nodeId,
      displayName: 'Kitchen Mac',
      platform: 'linux',
      version: '1.0.0',
      caps: ['system', 'camera', 'screen'],
      commands: ['device.info', 'system.run', 'camera.snap'],
      permissions: { 'camera.capture': true, accessibility: false },
      silent: false,
      ts: expect.any(Number),
    });

    const before = (await admin.call('node.describe', { nodeId: node.nodeId })) as Frame;
    expect(before).toMatchObject({ nodeId: node.nodeId, connected: true, paired: true, commands: [], caps: [], clientMode: 'node' });
    expect(before.approvedAtMs).toBeUndefined();
    const early = await admin.request('node.invoke', { nodeId: node.nodeId, command: 'device.info', idempotencyKey: 'early' });
    expect(early.error).toMatchObject({ code: 'INVALID_REQUEST', details: { reason: 'awaiting-approval', command: 'device.info' } });

    const broadcast = admin.nextNew((f) => f.event === 'node.pair.resolved');
    const approved = await admin.call('node.pair.approve', { requestId: request.requestId });
    expect(approved).toMatchObject({ requestId: request.requestId, node: { nodeId: node.nodeId, commands: request.commands } });
    const pushed = await node.client.event('node.pair.resolved');
    expect(pushed.seq).toBeUndefined();
    expect(pushed.payload).toEqual({ requestId: request.requestId, nodeId: node.nodeId, decision: 'approved', ts: expect.any(Number) });
    expect((await broadcast).payload).toEqual(pushed.payload);
    expect((await broadcast).seq).toEqual(expect.any(Number));

    const after = (await admin.call('node.describe', { nodeId: node.nodeId })) as Frame;
    expect(after).toMatchObject({ commands: ['device.info', 'system.run', 'camera.snap'], caps: ['system', 'camera', 'screen'] });
    expect(after.permissions).toEqual({ 'camera.capture': true, accessibility: false });
    expect(after.approvedAtMs).toEqual(expect.any(Number));

    const { response, request: delivered } = await invoke(node, { command: 'device.info', params: { verbose: true }, timeoutMs: 5_000, idempotencyKey: 'inv-1' });
    expect(delivered.seq).toBeUndefined();
    expect(delivered.payload).toEqual({
      id: expect.any(String),
      nodeId: node.nodeId,
      command: 'device.info',
      paramsJSON: '{"verbose":true}',
      timeoutMs: 5_000,
      idempotencyKey: 'inv-1',
    });
    expect(referenceFrameErrors(delivered)).toEqual([]);
    const result = { id: delivered.payload.id, nodeId: node.nodeId, ok: true, payloadJSON: '{"model":"MacBookPro18,1"}' };
    expect(referenceErrors('NodeInvokeResultParams', result)).toEqual([]);
    expect(await node.client.call('node.invoke.result', result)).toEqual({ ok: true });
    const answered = await response;
    expect(referenceFrameErrors(answered)).toEqual([]);
    expect(answered.payload).toEqual({
      ok: true,
      nodeId: node.nodeId,
      command: 'device.info',
      payload: { model: 'MacBookPro18,1' },
      payloadJSON: '{"model":"MacBookPro18,1"}',
    });
    node.client.close();
  });

  it('passes params as null JSON when there are none, and relays a node error as UNAVAILABLE', async () => {
    const node = await approvedNode(['camera.snap']);
    const { response, request } = await invoke(node, { command: 'camera.snap' });
    expect(request.payload).toMatchObject({ paramsJSON: null, timeoutMs: 30_000 });
    await node.client.call('node.invoke.result', {
      id: request.payload.id,
      nodeId: node.nodeId,
      ok: false,
      error: { code: 'CAMERA_DENIED', message: 'camera permission denied' },
    });
    expect((await response).error).toEqual({
      code: 'UNAVAILABLE',
      message: 'CAMERA_DENIED: camera permission denied',
      retryable: false,
      details: { nodeError: { code: 'CAMERA_DENIED', message: 'camera permission denied' }, nodeCommandDispatched: true },
    });
    node.client.close();
  });

  it('refuses commands the node did not declare, dangerous ones not allowlisted, and denied ones', async () => {
    const node = await approvedNode(['device.info', 'screen.record', 'device.forbidden']);
    const refused = async (command: string) =>
      (await admin.request('node.invoke', { nodeId: node.nodeId, command, idempotencyKey: `k-${command}` })).error;
    expect(await refused('location.get')).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'node command not allowed: command not declared by node',
      details: { reason: 'not-declared', nodeId: node.nodeId, command: 'location.get' },
    });
    expect((await refused('screen.record')).details.reason).toBe('not-allowlisted');
    expect((await refused('device.forbidden')).details.reason).toBe('denied');
    const reserved = await refused('system.execApprovals.get');
    expect(reserved).toMatchObject({ code: 'INVALID_REQUEST', details: { reason: 'use-exec-approvals-node' } });
    expect(reserved.message).toContain('exec.approvals.node.get');
    const listed = (await admin.call('node.describe', { nodeId: node.nodeId })) as Frame;
    expect(listed.commands).toEqual(['device.info']);
    // Spec §7.3 note 4: browser.proxy and fs.listDir are admin-only even for a writer.
    const writer = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.write'] })).client;
    const proxy = await writer.request('node.invoke', { nodeId: node.nodeId, command: 'browser.proxy', idempotencyKey: 'bp' });
    expect(proxy.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' });
    writer.close();
    node.client.close();
  });

  it('asks again when a node comes back declaring more, and keeps the new command unusable until approved', async () => {
    const first = await approvedNode(['device.info']);
    first.client.close();
    await first.client.closed;

    const requested = admin.nextNew((f) => f.event === 'node.pair.requested');
    const again = await connectNode(gateway.url, { token: gateway.token, device: first.device, caps: ['system'], commands: ['device.info', 'location.get'] });
    const request = (await requested).payload;
    expect(request).toMatchObject({ nodeId: again.nodeId, commands: ['device.info', 'location.get'] });
    const refused = await admin.request('node.invoke', { nodeId: again.nodeId, command: 'location.get', idempotencyKey: 'loc' });
    expect(refused.error.details).toMatchObject({ reason: 'awaiting-approval' });

    // The already approved command keeps working meanwhile.
    const { response, request: delivered } = await invoke(again, { command: 'device.info' });
    await again.client.call('node.invoke.result', { id: delivered.payload.id, nodeId: again.nodeId, ok: true, payload: { up: true } });
    expect((await response).payload).toMatchObject({ ok: true, payload: { up: true }, payloadJSON: null });

    // Approval applies to the live node without a reconnect.
    await admin.call('node.pair.approve', { requestId: request.requestId });
    const located = await invoke(again, { command: 'location.get' });
    await again.client.call('node.invoke.result', { id: located.request.payload.id, nodeId: again.nodeId, ok: true, payloadJSON: '{"lat":1}' });
    expect((await located.response).payload.payload).toEqual({ lat: 1 });
    again.client.close();
  });

  it('answers UNAVAILABLE NOT_CONNECTED for a node that is not connected', async () => {
    const error = (await admin.request('node.invoke', { nodeId: 'no-such-node', command: 'device.info', idempotencyKey: 'nc' })).error;
    expect(error).toMatchObject({ code: 'UNAVAILABLE', message: 'node not connected', details: { code: 'NOT_CONNECTED' } });
  });

  it('fails an invoke whose node disconnects before answering', async () => {
    const node = await approvedNode(['device.info']);
    const { response } = await invoke(node, { command: 'device.info' });
    node.client.close();
    expect((await response).error).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'node disconnected',
      details: { nodeError: { code: 'NOT_CONNECTED' }, nodeCommandDispatched: true },
    });
  });

  it('times out an invoke, tells the node to cancel, and ignores the late result', async () => {
    const node = await approvedNode(['device.info']);
    const { response, request } = await invoke(node, { command: 'device.info', timeoutMs: 200 });
    const error = (await response).error;
    expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { nodeError: { code: 'TIMEOUT' }, nodeCommandDispatched: true } });
    expect(error.message).toMatch(/^TIMEOUT: /);
    const cancel = await node.client.event('node.invoke.cancel');
    expect(cancel.seq).toBeUndefined();
    expect(cancel.payload).toEqual({ invokeId: request.payload.id, nodeId: node.nodeId });
    const late = await node.client.call('node.invoke.result', { id: request.payload.id, nodeId: node.nodeId, ok: true });
    expect(late).toEqual({ ok: true, ignored: true });
    expect(await node.client.call('node.invoke.result', { id: 'never-issued', nodeId: node.nodeId, ok: true })).toEqual({ ok: true, ignored: true });
    node.client.close();
  });

  it('rejects a result for another node id', async () => {
    const node = await approvedNode(['device.info']);
    const { response, request } = await invoke(node, { command: 'device.info' });
    const mismatch = await node.client.request('node.invoke.result', { id: request.payload.id, nodeId: 'someone-else', ok: true });
    expect(mismatch.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'nodeId mismatch' });
    await node.client.call('node.invoke.result', { id: request.payload.id, nodeId: node.nodeId, ok: true });
    expect((await response).payload).toMatchObject({ ok: true, payload: null, payloadJSON: null });
    node.client.close();
  });

  it('keeps each role to its own methods', async () => {
    const node = await connectNode(gateway.url, { token: gateway.token });
    expect((await node.client.request('node.list')).error).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: node' });
    expect((await node.client.request('health')).ok).toBe(true);
    const asOperator = await admin.request('node.invoke.result', { id: 'x', nodeId: 'y', ok: true });
    expect(asOperator.error).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: operator' });
    expect((await admin.request('skills.bins', {})).error.message).toBe('unauthorized role: operator');
    node.client.close();
  });

  it('lists executables for skills: none until skills exist', async () => {
    const node = await connectNode(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4 });
    const bins = await node.client.request('skills.bins', {});
    expect(bins.payload).toEqual({ bins: [] });
    expect(referenceFrameErrors(bins, { method: 'skills.bins' })).toEqual([]);
    node.client.close();
  });

  it('accepts node events: exec reports are recorded, presence is re-broadcast, unknown ones are only logged', async () => {
    const reader = (await connectClient(gateway.url, { token: gateway.token, scopes: ['operator.read'] })).client;
    const finished = { event: 'exec.finished', payload: { sessionKey: 'agent:main:main', runId: 'r1', host: 'node', command: 'ls', exitCode: 0, timedOut: false, success: true, output: 'a\nb' } };
    expect(referenceErrors('NodeEventParams', finished)).toEqual([]);
    // A node that may not run commands cannot put exec reports into an agent session.
    const unapproved = await connectNode(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4, commands: ['system.run'] });
    expect(await unapproved.client.call('node.event', finished)).toEqual({
      ok: true,
      event: 'exec.finished',
      handled: false,
      reason: 'system.run is not approved for this node',
    });
    unapproved.client.close();

    const v3 = await approvedNode(['system.run']);
    expect(await v3.client.call('node.event', finished)).toEqual({ ok: true });
    // Recorded as a system event for that session's next agent turn.
    const db = new DatabaseSync(join(gateway.stateDir, 'gatehouse.sqlite'), { readOnly: true });
    const recorded = (source: string) => db.prepare('SELECT text, session_key FROM system_events WHERE source = ?').all(source);
    const rows = recorded(`node:${v3.nodeId}`);
    expect(recorded(`node:${unapproved.nodeId}`)).toEqual([]);
    db.close();
    expect(rows).toEqual([{ text: `Exec finished (node ${v3.nodeId}, exit 0): ls\na\nb`, session_key: 'agent:main:main' }]);
    const bad = await v3.client.request('node.event', { event: 'exec.started', payloadJSON: '{not json' });
    expect(bad.error).toEqual({ code: 'INVALID_REQUEST', message: 'invalid node.event params: payloadJSON is not valid JSON' });

    const v4 = await connectNode(gateway.url, { token: gateway.token, minProtocol: 4, maxProtocol: 4 });
    const presence = reader.nextNew((f) => f.event === 'node.presence');
    const alive = await v4.client.call('node.event', { event: 'node.presence.alive', payloadJSON: '{"trigger":"manual"}' });
    expect(alive).toEqual({ ok: true, event: 'node.presence.alive', handled: true });
    expect(referenceErrors('NodeEventResult', alive)).toEqual([]);
    expect((await presence).payload).toEqual({ nodeId: v4.nodeId, ts: expect.any(Number), trigger: 'manual' });

    const unknown = await v4.client.call('node.event', { event: 'made.up', payload: { x: 1 } });
    expect(unknown).toEqual({ ok: true, event: 'made.up', handled: false, reason: 'unknown event' });
    expect(referenceErrors('NodeEventResult', unknown)).toEqual([]);
    expect(reader.events('made.up')).toEqual([]);
    reader.close();
    v3.client.close();
    v4.client.close();
  });
});
