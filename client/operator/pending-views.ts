/**
 * View models of the gateway's pending work: device and node pairing requests and exec approvals,
 * from the operator snapshot. Pure functions, shared by the tray and the browser Control UI, so
 * every mapping is tested without a gateway.
 */
import type { ApprovalDecision, ApprovalView, PairingRequestView } from '../../shared/ipc/contract.js';
import type { OperatorSnapshot } from './operator-snapshot.js';

/** Node commands that let agents run programs or read files on the node's machine. */
export const ELEVATED_NODE_COMMANDS: readonly string[] = ['system.run', 'system.which', 'browser.proxy', 'fs.listDir'];
export const ELEVATED_SCOPE = 'operator.admin';
const ALL_DECISIONS: readonly ApprovalDecision[] = ['allow-once', 'allow-always', 'deny'];

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
