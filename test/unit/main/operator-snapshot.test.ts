import { describe, expect, it } from 'vitest';
import { OperatorSnapshotStore, reloadOperatorSnapshot } from '../../../main/operator/operator-snapshot.js';

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

const pending = { requestId: 'r1', deviceId: 'd1', displayName: 'Phone', ts: 1 };
const presence = [{ ts: 5, host: 'gateway', mode: 'gateway', reason: 'self' }];

describe('reloadOperatorSnapshot', () => {
  it('asks for pairing and presence, and for exec approvals only when hello-ok lists exec.approval.list', async () => {
    const gateway = answers({ 'device.pair.list': { pending: [pending], paired: [] }, 'system-presence': presence, 'exec.approval.list': [{ id: 'a1' }] });
    const store = new OperatorSnapshotStore();

    await reloadOperatorSnapshot({ request: gateway.request, methods: ['device.pair.list', 'system-presence'], store, isCurrent: () => true, now: () => 99 });

    expect(gateway.asked.sort()).toEqual(['device.pair.list', 'system-presence']);
    expect(gateway.asked).not.toContain('node.pair.list');
    expect(store.get()).toMatchObject({ loadedAt: 99, pendingPairings: [pending], presence, execApprovals: { pending: [], reloadable: false }, problems: [] });

    await reloadOperatorSnapshot({ request: gateway.request, methods: ['exec.approval.list'], store, isCurrent: () => true, now: () => 100 });
    expect(gateway.asked).toContain('exec.approval.list');
    expect(store.get().execApprovals).toEqual({ pending: [{ id: 'a1' }], reloadable: true });
  });

  it('reloads pending node pairing requests where the gateway lists node.pair.list', async () => {
    const nodeRequest = { requestId: 'n1', nodeId: 'node-1', displayName: 'Laptop', commands: ['system.run'], ts: 3 };
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
    store.applyEvent('exec.approval.requested', { id: 'old', expiresAtMs: 10 });
    store.applyEvent('exec.approval.requested', { id: 'live', expiresAtMs: 1_000 });
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
    store.applyEvent('exec.approval.requested', { id: 'a1', request: { command: 'ls' } });
    store.applyEvent('exec.approval.resolved', { id: 'a1', decision: 'deny' });
    expect(store.get().pendingPairings).toEqual([]);
    expect(store.get().presence).toEqual(presence);
    expect(store.get().execApprovals.pending).toEqual([]);
    expect(seen.slice(0, 2)).toEqual([1, 1]);
  });
});
