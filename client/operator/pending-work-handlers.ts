/**
 * The contract's approvals and pairing channels over an operator connection: the lists come from
 * the operator snapshot, decisions go to the gateway (`exec.approval.resolve`,
 * `device|node.pair.approve|reject`) only for requests that are still waiting and only with a
 * decision the request offers. The tray's controller and the browser bridge both serve these.
 */
import type { ApprovalView, InvokeResponse, PairingRequestView } from '../../shared/ipc/contract.js';
import { actionResult } from '../action-result.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parseRequest } from '../requests/request-schemas.js';
import type { OperatorSnapshot } from './operator-snapshot.js';
import { approvalViews, pairingViews } from './pending-views.js';

export interface PendingWorkOptions {
  request: GatewayRequest;
  /** The snapshot while connected; undefined while not (nothing is shown or decided then). */
  snapshot: () => OperatorSnapshot | undefined;
}

type PendingWorkChannel = 'approvals:list' | 'approvals:resolve' | 'pairing:list' | 'pairing:approve' | 'pairing:reject';
export type PendingWorkHandlers = { [C in PendingWorkChannel]: (request: unknown) => Promise<InvokeResponse<C>> | InvokeResponse<C> };

export const APPROVAL_GONE_MESSAGE = 'This request is no longer waiting: it was decided elsewhere, expired, or its run ended.';
export const PAIRING_GONE_MESSAGE = 'This pairing request is no longer waiting: it was decided elsewhere or withdrawn.';

export function pendingApprovals(options: PendingWorkOptions): ApprovalView[] {
  return approvalViews(options.snapshot());
}

export function pendingPairings(options: PendingWorkOptions): PairingRequestView[] {
  return pairingViews(options.snapshot());
}

export function pendingWorkHandlers(options: PendingWorkOptions): PendingWorkHandlers {
  const decidePairing = (decision: 'approve' | 'reject') => (raw: unknown) =>
    actionResult(async () => {
      const { kind, requestId } = parseRequest(decision === 'approve' ? 'pairing:approve' : 'pairing:reject', raw);
      if (!pendingPairings(options).some((request) => request.kind === kind && request.requestId === requestId)) {
        return { ok: false, message: PAIRING_GONE_MESSAGE };
      }
      await options.request(`${kind}.pair.${decision}`, { requestId });
      return { ok: true };
    });
  return {
    'approvals:list': () => pendingApprovals(options),
    'approvals:resolve': (raw) =>
      actionResult(async () => {
        const { id, decision } = parseRequest('approvals:resolve', raw);
        const pending = pendingApprovals(options).find((approval) => approval.id === id);
        if (pending === undefined) return { ok: false, message: APPROVAL_GONE_MESSAGE };
        if (!pending.decisions.includes(decision)) return { ok: false, message: `“${decision}” is not offered for this command.` };
        await options.request('exec.approval.resolve', { id, decision });
        return { ok: true };
      }),
    'pairing:list': () => pendingPairings(options),
    'pairing:approve': decidePairing('approve'),
    'pairing:reject': decidePairing('reject'),
  };
}
