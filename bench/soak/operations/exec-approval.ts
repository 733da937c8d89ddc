import { isRecord, RequestFailedError, type SoakClient } from '../soak-client.js';

/** Long enough that no approval expires while the soak is looking at it. */
const APPROVAL_LIFETIME_MS = 60_000;

/**
 * One exec approval, end to end between two operators with operator.approvals: the requester asks
 * (`exec.approval.request`, two-phase, so its id comes back at once), the approver sees
 * `exec.approval.requested` and answers (`exec.approval.resolve`, allow-once and deny in turn), and
 * both the requester's final response and the `exec.approval.resolved` broadcast carry that decision.
 * allow-always is left out on purpose: it would grow the allowlist with every run.
 */
export function execApproval(requester: SoakClient, approver: SoakClient, timeoutMs: number): (n: number) => Promise<void> {
  return async (n) => {
    const command = `echo soak-approval-${n}`;
    const decision = n % 2 === 0 ? 'allow-once' : 'deny';
    const abort = new AbortController();
    try {
      const seen = approver.waitForEvent(
        'exec.approval.requested',
        (payload) => isRecord(payload) && isRecord(payload.request) && payload.request.command === command,
        timeoutMs,
        abort.signal,
      );
      const { accepted, final } = requester.requestTwoPhase('exec.approval.request', { command, twoPhase: true, timeoutMs: APPROVAL_LIFETIME_MS }, timeoutMs);
      const ack = await accepted;
      if (!ack.ok) throw new RequestFailedError('exec.approval.request', ack);
      const id = isRecord(ack.payload) ? ack.payload.id : undefined;
      if (typeof id !== 'string') throw new Error(`exec.approval.request acknowledged without an id: ${JSON.stringify(ack.payload)}`);
      const requested = await seen;
      if (!isRecord(requested) || requested.id !== id) throw new Error(`exec.approval.requested carried id ${JSON.stringify(isRecord(requested) ? requested.id : requested)}, not ${id}`);

      const broadcast = approver.waitForEvent('exec.approval.resolved', (payload) => isRecord(payload) && payload.id === id, timeoutMs, abort.signal);
      await approver.call('exec.approval.resolve', { id, decision }, timeoutMs);
      const result = await final;
      if (!result.ok) throw new RequestFailedError('exec.approval.request (final)', result);
      if (!isRecord(result.payload) || result.payload.decision !== decision) throw new Error(`requester got ${JSON.stringify(result.payload)}, expected decision ${decision}`);
      const resolved = await broadcast;
      if (!isRecord(resolved) || resolved.decision !== decision) throw new Error(`exec.approval.resolved said ${JSON.stringify(resolved)}, expected decision ${decision}`);
    } finally {
      abort.abort();
    }
  };
}
