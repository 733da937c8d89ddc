/**
 * The tray's gateway status row, from the supervisor and the operator connection. Pure, so every
 * mapping is tested without a gateway. Pending pairing requests and exec approvals are views of
 * the platform-free client (client/operator/pending-views.ts), shared with the browser.
 */
import type { ConnectionStatus, GatewayStatusView } from '../../shared/ipc/contract.js';
import type { OperatorSnapshot } from '../../client/operator/operator-snapshot.js';
import type { OperatorStatus } from '../../client/operator/operator-status.js';
import type { SupervisorStatus } from '../supervisor/supervisor-status.js';

export function connectionStatus(operator: OperatorStatus): GatewayStatusView['connection'] {
  const status: ConnectionStatus = operator.kind;
  return operator.kind === 'paused' ? { status, nextStep: operator.nextStep.message } : { status };
}

/**
 * Pending work is only shown while the operator connection is up: what the snapshot holds from
 * before a disconnect may have been decided or cancelled meanwhile, and could not be acted on.
 */
export function liveSnapshot(operator: OperatorStatus, snapshot: OperatorSnapshot): OperatorSnapshot | undefined {
  return operator.kind === 'connected' ? snapshot : undefined;
}

export function gatewayStatusView(supervisor: SupervisorStatus, operator: OperatorStatus, snapshot: OperatorSnapshot | undefined): GatewayStatusView {
  return {
    state: supervisor.state,
    ...(supervisor.detail === undefined ? {} : { detail: supervisor.detail }),
    url: supervisor.url,
    attached: supervisor.state === 'attached',
    ...(supervisor.pid === undefined ? {} : { pid: supervisor.pid }),
    since: supervisor.since,
    connection: connectionStatus(operator),
    counts: {
      approvals: snapshot?.execApprovals.pending.length ?? 0,
      pairing: (snapshot?.pendingPairings.length ?? 0) + (snapshot?.pendingNodePairings.length ?? 0),
    },
    canRetry: supervisor.state === 'error',
  };
}
