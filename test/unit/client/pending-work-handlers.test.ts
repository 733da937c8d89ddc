import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, type OperatorSnapshot } from '../../../client/operator/operator-snapshot.js';
import { APPROVAL_GONE_MESSAGE, PAIRING_GONE_MESSAGE, pendingWorkHandlers } from '../../../client/operator/pending-work-handlers.js';

const snapshot: OperatorSnapshot = {
  ...EMPTY_SNAPSHOT,
  pendingPairings: [{ requestId: 'pair-1', deviceId: 'd'.repeat(64), publicKey: 'k', ts: 10, role: 'operator', scopes: ['operator.read'] }],
  execApprovals: {
    reloadable: true,
    pending: [{ id: 'ap-1', createdAtMs: 1, expiresAtMs: 2_000_000_000_000, request: { command: 'ls', host: 'gateway', unavailableDecisions: ['allow-always'] } }],
  },
} as OperatorSnapshot;

function handlers(connected = true) {
  const sent: { method: string; params: unknown }[] = [];
  const table = pendingWorkHandlers({
    request: async (method, params) => {
      sent.push({ method, params });
      return { ok: true };
    },
    snapshot: () => (connected ? snapshot : undefined),
  });
  return { table, sent };
}

describe('approvals and pairing over the operator snapshot', () => {
  it('lists what waits, and nothing while disconnected', async () => {
    expect(await handlers().table['approvals:list'](undefined)).toMatchObject([{ id: 'ap-1', decisions: ['allow-once', 'deny'] }]);
    expect(await handlers().table['pairing:list'](undefined)).toMatchObject([{ kind: 'device', requestId: 'pair-1' }]);
    expect(await handlers(false).table['approvals:list'](undefined)).toEqual([]);
  });

  it('decides only what still waits, with a decision it offers', async () => {
    const { table, sent } = handlers();
    expect(await table['approvals:resolve']({ id: 'ap-1', decision: 'allow-always' })).toEqual({ ok: false, message: '“allow-always” is not offered for this command.' });
    expect(await table['approvals:resolve']({ id: 'gone', decision: 'deny' })).toEqual({ ok: false, message: APPROVAL_GONE_MESSAGE });
    expect(await table['approvals:resolve']({ id: 'ap-1', decision: 'deny' })).toEqual({ ok: true });
    expect(await table['pairing:approve']({ kind: 'node', requestId: 'pair-1' })).toEqual({ ok: false, message: PAIRING_GONE_MESSAGE });
    expect(await table['pairing:approve']({ kind: 'device', requestId: 'pair-1' })).toEqual({ ok: true });
    expect(sent).toEqual([
      { method: 'exec.approval.resolve', params: { id: 'ap-1', decision: 'deny' } },
      { method: 'device.pair.approve', params: { requestId: 'pair-1' } },
    ]);
  });

  it('a malformed request is a failed result, never a gateway call', async () => {
    const { table, sent } = handlers();
    const result = await table['pairing:reject']({ kind: 'device', requestId: 'pair-1', extra: true });
    expect(result.ok).toBe(false);
    expect(sent).toEqual([]);
  });
});
