import { describe, expect, it } from 'vitest';
import { OperatorSnapshotStore, reloadOperatorSnapshot } from '../../../client/operator/operator-snapshot.js';
import type { DevicePairRequest } from '../../../shared/protocol/devices/events.js';
import type { PendingExecApproval } from '../../../shared/protocol/exec-approvals/events.js';
import type { NodePairRequest } from '../../../shared/protocol/nodes/events.js';

/** A gateway's answers by method; records which methods were asked. */
function answers(table: Record<string, unknown>) {
  const asked: string[] = [];
  const request = async (method: string) => {
    asked.push(method);
    if (!(method in table)) throw new Error(`unknown method: ${method}`);
    return table[method];
  };
  return { asked, request };
}

/** What the gateway sends: a device pairing request, an exec approval. */
const pending: DevicePairRequest = {
  requestId: 'r1',
  deviceId: 'd1',
  publicKey: 'key-of-d1',
  displayName: 'Phone',
  role: 'operator',
  roles: ['operator'],
  scopes: ['operator.read'],
  silent: false,
  isRepair: false,
  ts: 1,
};
const approval = (id: string, expiresAtMs = 1_000): PendingExecApproval => ({ id, request: { command: 'ls', host: 'gateway' }, createdAtMs: 0, expiresAtMs });
const presence = [{ ts: 5, host: 'gateway', mode: 'gateway', reason: 'self' }];

describe('reloadOperatorSnapshot', () => {
  it('asks for pairing and presence, and for exec approvals only when hello-ok lists exec.approval.list', async () => {
    const gateway = answers({ 'device.pair.list': { pending: [pending], paired: [] }, 'system-presence': presence, 'exec.approval.list': { approvals: [approval('a1')] } });
    const store = new OperatorSnapshotStore();

    await reloadOperatorSnapshot({ request: gateway.request, methods: ['device.pair.list', 'system-presence'], store, isCurrent: () => true, now: () => 99 });

    expect(gateway.asked.sort()).toEqual(['device.pair.list', 'system-presence']);
    expect(gateway.asked).not.toContain('node.pair.list');
    expect(store.get()).toMatchObject({ loadedAt: 99, pendingPairings: [pending], presence, execApprovals: { pending: [], reloadable: false }, problems: [] });

    await reloadOperatorSnapshot({ request: gateway.request, methods: ['exec.approval.list'], store, isCurrent: () => true, now: () => 100 });
    expect(gateway.asked).toContain('exec.approval.list');
    expect(store.get().execApprovals).toEqual({ pending: [approval('a1')], reloadable: true });
  });

  it('still reads an exec.approval.list answered as a bare array or under `pending`', async () => {
    for (const answer of [[approval('a1')], { pending: [approval('a1')] }]) {
      const gateway = answers({ 'device.pair.list': { pending: [], paired: [] }, 'system-presence': [], 'exec.approval.list': answer });
      const store = new OperatorSnapshotStore();
      await reloadOperatorSnapshot({ request: gateway.request, methods: ['exec.approval.list'], store, isCurrent: () => true, now: () => 1 });
      expect(store.get().execApprovals.pending).toEqual([approval('a1')]);
      expect(store.get().problems).toEqual([]);
    }
  });

  it('reports an answer the protocol schema refuses, naming what is missing', async () => {
    const gateway = answers({
      // A paired device without its tokens, an approval without its request: not what the protocol lists.
      'device.pair.list': { pending: [], paired: [{ deviceId: 'd1', publicKey: 'k', roles: [], scopes: [], approvedAtMs: 1, approvedBy: 'x', createdAtMs: 1 }] },
      'system-presence': [],
      'exec.approval.list': { approvals: [{ id: 'a1', createdAtMs: 0, expiresAtMs: 5 }] },
    });
    const store = new OperatorSnapshotStore();
    await reloadOperatorSnapshot({ request: gateway.request, methods: ['exec.approval.list'], store, isCurrent: () => true, now: () => 1 });
    expect(store.get().pairedDevices).toEqual([]);
    expect(store.get().execApprovals.pending).toEqual([]);
    expect(store.get().problems.sort()).toEqual([
      expect.stringMatching(/^device\.pair\.list: unexpected answer \(.*tokens/),
      expect.stringMatching(/^exec\.approval\.list: unexpected answer/),
    ]);
  });

  it('reloads pending node pairing requests where the gateway lists node.pair.list', async () => {
    const nodeRequest: NodePairRequest = { requestId: 'n1', nodeId: 'node-1', displayName: 'Laptop', caps: ['system'], commands: ['system.run'], permissions: {}, silent: false, ts: 3 };
    const gateway = answers({ 'device.pair.list': { pending: [], paired: [] }, 'system-presence': [], 'node.pair.list': { pending: [nodeRequest], paired: [] } });
    const store = new OperatorSnapshotStore();
    await reloadOperatorSnapshot({ request: gateway.request, methods: ['node.pair.list'], store, isCurrent: () => true, now: () => 1 });
    expect(store.get().pendingNodePairings).toEqual([nodeRequest]);
    store.applyEvent('node.pair.resolved', { requestId: 'n1', nodeId: 'node-1', decision: 'approved', ts: 4 });
    expect(store.get().pendingNodePairings).toEqual([]);
  });

  it('reports answers it cannot use instead of showing them', async () => {
    const gateway = answers({ 'device.pair.list': { pending: 'nope' }, 'system-presence': presence });
    const store = new OperatorSnapshotStore();
    await reloadOperatorSnapshot({ request: gateway.request, methods: [], store, isCurrent: () => true, now: () => 1 });
    expect(store.get().pendingPairings).toEqual([]);
    expect(store.get().presence).toEqual(presence);
    expect(store.get().problems).toEqual([expect.stringMatching(/^device\.pair\.list: unexpected answer/)]);
  });

  it('drops answers that arrive after a newer connection took over', async () => {
    const gateway = answers({ 'device.pair.list': { pending: [pending], paired: [] }, 'system-presence': presence });
    const store = new OperatorSnapshotStore();
    await reloadOperatorSnapshot({ request: gateway.request, methods: [], store, isCurrent: () => false, now: () => 1 });
    expect(store.get().loadedAt).toBeNull();
    expect(store.get().pendingPairings).toEqual([]);
  });

  it('keeps known exec approvals that have not expired when it cannot reload them', async () => {
    const store = new OperatorSnapshotStore();
    store.applyEvent('exec.approval.requested', approval('old', 10));
    store.applyEvent('exec.approval.requested', approval('live', 1_000));
    await reloadOperatorSnapshot({ request: answers({}).request, methods: [], store, isCurrent: () => true, now: () => 500 });
    expect(store.get().execApprovals.pending.map((approval) => approval.id)).toEqual(['live']);
  });
});

describe('OperatorSnapshotStore events', () => {
  it('adds and removes pairing requests and approvals, replaces presence, and tells subscribers', () => {
    const store = new OperatorSnapshotStore();
    const seen: number[] = [];
    store.subscribe((snapshot) => seen.push(snapshot.pendingPairings.length));
    store.applyEvent('device.pair.requested', pending);
    store.applyEvent('device.pair.requested', pending);
    store.applyEvent('presence', { presence });
    store.applyEvent('device.pair.resolved', { requestId: 'r1', deviceId: 'd1', decision: 'approved', ts: 2 });
    store.applyEvent('exec.approval.requested', approval('a1'));
    store.applyEvent('exec.approval.resolved', { id: 'a1', decision: 'deny', resolvedBy: 'device:d1', ts: 3 });
    expect(store.get().pendingPairings).toEqual([]);
    expect(store.get().presence).toEqual(presence);
    expect(store.get().execApprovals.pending).toEqual([]);
    expect(seen.slice(0, 2)).toEqual([1, 1]);
  });
});
