/**
 * View models the renderer gets from what the services know: the gateway status row, pending
 * pairing requests and exec approvals. Pure functions of the services' state, so every mapping
 * is tested without a gateway.
 */
import type { ApprovalDecision, ApprovalView, ConnectionStatus, GatewayStatusView, PairingRequestView } from '../../shared/ipc/contract.js';
import type { OperatorSnapshot } from '../operator/operator-snapshot.js';
import type { OperatorStatus } from '../operator/operator-status.js';
import type { SupervisorStatus } from '../supervisor/supervisor-status.js';

/** Node commands that let agents run programs or read files on the node's machine. */
export const ELEVATED_NODE_COMMANDS: readonly string[] = ['system.run', 'system.which', 'browser.proxy', 'fs.listDir'];
export const ELEVATED_SCOPE = 'operator.admin';
const ALL_DECISIONS: readonly ApprovalDecision[] = ['allow-once', 'allow-always', 'deny'];

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

export function pairingViews(snapshot: OperatorSnapshot | undefined): PairingRequestView[] {
  if (snapshot === undefined) return [];
  const devices = snapshot.pendingPairings.map((request): PairingRequestView => {
    const scopes = request.scopes ?? [];
    const role = request.role ?? request.roles?.join(', ');
    return {
      kind: 'device',
      requestId: request.requestId,
      subjectId: request.deviceId,
      name: request.displayName || request.clientId || shortId(request.deviceId),
      ...(request.platform ? { platform: request.platform } : {}),
      ...(request.remoteIp ? { address: request.remoteIp } : {}),
      ...(role ? { role } : {}),
      scopes: [...scopes],
      commands: [],
      elevated: scopes.includes(ELEVATED_SCOPE),
      requestedAtMs: request.ts,
    };
  });
  const nodes = snapshot.pendingNodePairings.map((request): PairingRequestView => {
    const commands = request.commands ?? [];
    return {
      kind: 'node',
      requestId: request.requestId,
      subjectId: request.nodeId,
      name: request.displayName || shortId(request.nodeId),
      ...(request.platform ? { platform: request.platform } : {}),
      ...(request.remoteIp ? { address: request.remoteIp } : {}),
      role: 'node',
      scopes: [],
      commands: [...commands],
      elevated: commands.some((command) => ELEVATED_NODE_COMMANDS.includes(command)),
      requestedAtMs: request.ts,
    };
  });
  return [...devices, ...nodes].sort((a, b) => a.requestedAtMs - b.requestedAtMs || a.requestId.localeCompare(b.requestId));
}

export function approvalViews(snapshot: OperatorSnapshot | undefined): ApprovalView[] {
  if (snapshot === undefined) return [];
  return snapshot.execApprovals.pending
    .map(({ id, request, createdAtMs, expiresAtMs }): ApprovalView => {
      const unavailable = request.unavailableDecisions ?? [];
      const cwd = nonEmpty(request.cwd);
      const agentId = nonEmpty(request.agentId);
      const sessionKey = nonEmpty(request.sessionKey);
      const warning = nonEmpty(request.warningText);
      const env = Object.entries(request.env ?? {}).map(([name, value]) => ({ name, value }));
      return {
        id,
        command: request.command,
        ...(cwd === undefined ? {} : { cwd }),
        host: request.host,
        ...(agentId === undefined ? {} : { agentId }),
        ...(sessionKey === undefined ? {} : { sessionKey }),
        createdAtMs,
        expiresAtMs,
        decisions: ALL_DECISIONS.filter((decision) => !unavailable.includes(decision)),
        ...(warning === undefined ? {} : { warning }),
        ...(env.length === 0 ? {} : { env }),
      };
    })
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 12)}…` : id;
}
