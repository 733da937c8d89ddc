import { randomUUID } from 'node:crypto';
import { invalidRequest, unavailable } from '../../../shared/protocol/error-codes.js';
import { ExecApprovalRequestDetailsSchema } from '../../../shared/protocol/exec-approvals/events.js';
import type { ExecApprovalsSnapshot } from '../../../shared/protocol/exec-approvals/results.js';
import { compileSchema } from '../../../shared/protocol/validate.js';
import { approvalsDocumentValidator } from './approvals-document.js';
import {
  ExecApprovalGetParams,
  ExecApprovalListParams,
  ExecApprovalRequestParams,
  ExecApprovalResolveParams,
  ExecApprovalsGetParams,
  ExecApprovalsNodeGetParams,
  ExecApprovalsNodeSetParams,
  ExecApprovalsSetParams,
} from '../../../shared/protocol/exec-approvals/params.js';
import { actorId, type ApprovalActor } from './approval-actor.js';
import { GATEWAY_SCOPE, type DocumentSnapshot } from './approvals-documents.js';
import { isDecision } from './approval-queue.js';
import { blockedEnvReason } from './blocked-env.js';
import { analyzeCommand } from './command-analysis.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import type { ClientSession } from '../../core/server/connection-contract.js';

/** A stored approval's request, read back from the store: what this gateway wrote when it opened it. */
const storedRequestValidator = compileSchema(ExecApprovalRequestDetailsSchema);

/** Who is acting, from what the handshake established; the display name is only a label. */
function actorOf(session: ClientSession): ApprovalActor {
  return {
    clientId: session.client.id,
    authMethod: session.authMethod,
    ...(session.deviceId ? { deviceId: session.deviceId } : {}),
    ...(session.client.displayName ? { label: session.client.displayName } : {}),
  };
}

export type ExecApprovalContext = Pick<FeatureContext, 'approvals' | 'nodes' | 'store'>;

export function execApprovalMethods(services: ExecApprovalContext): MethodDefinition[] {
  const { nodes, store } = services;
  const { queue: approvals, documents: approvalDocuments, repository } = services.approvals;
  const NODE_POLICY_TIMEOUT_MS = 15_000;

  /** A node keeps its own policy (spec §16): the gateway relays through node.invoke and keeps a copy. */
  async function relayToNode(nodeId: string, command: string, params: Record<string, unknown>): Promise<unknown> {
    const result = await nodes.invoke({ nodeId, command, params, timeoutMs: NODE_POLICY_TIMEOUT_MS, idempotencyKey: randomUUID() });
    const payload = result.payload as { file?: unknown } | null;
    if (payload && typeof payload === 'object' && approvalsDocumentValidator.check(payload.file)) {
      repository.saveDocument(`node:${nodeId}`, payload.file, Date.now());
    }
    return payload;
  }

  function snapshotView(snapshot: DocumentSnapshot, protocol: number): ExecApprovalsSnapshot {
    const view: ExecApprovalsSnapshot = {
      path: `${store.file}#exec-approvals/${snapshot.scope}`,
      exists: snapshot.exists,
      hash: snapshot.hash,
      file: snapshot.document,
    };
    // Who added each allow-always entry and when; protocol 4's snapshot shape is closed.
    if (protocol < 4) view.allowlistProvenance = approvalDocuments.provenance(snapshot.scope);
    return view;
  }

  return [
    defineMethod({
      name: 'exec.approvals.get',
      params: ExecApprovalsGetParams,
      handler: ({ session }) => snapshotView(approvalDocuments.get(GATEWAY_SCOPE), session.protocol),
    }),
    defineMethod({
      name: 'exec.approvals.set',
      params: ExecApprovalsSetParams,
      controlPlaneWrite: true,
      handler: ({ params, session }) => snapshotView(approvalDocuments.set(GATEWAY_SCOPE, params.file, params.baseHash), session.protocol),
    }),
    defineMethod({
      name: 'exec.approvals.node.get',
      params: ExecApprovalsNodeGetParams,
      handler: ({ params }) => relayToNode(params.nodeId, 'system.execApprovals.get', {}),
    }),
    defineMethod({
      name: 'exec.approvals.node.set',
      params: ExecApprovalsNodeSetParams,
      controlPlaneWrite: true,
      handler: ({ params }) => {
        const problem = approvalsDocumentValidator.firstError(params.file);
        if (problem !== null) throw invalidRequest(`invalid approvals file: ${problem}`);
        return relayToNode(params.nodeId, 'system.execApprovals.set', { file: params.file, ...(params.baseHash ? { baseHash: params.baseHash } : {}) });
      },
    }),
    defineMethod({
      name: 'exec.approval.request',
      params: ExecApprovalRequestParams,
      handler: async ({ params, session, ack }) => {
        if (params.host === 'node' && !params.nodeId) throw invalidRequest('nodeId is required when host is "node"');
        // Whoever asks, the person deciding sees what makes the command unsafe. The host's PATH
        // is not known here, so only the syntax, the program names and the environment are judged.
        const env = params.env ?? {};
        const blocked = Object.keys(env).find((name) => blockedEnvReason(name) !== undefined);
        const analysis = await analyzeCommand(params.command, undefined, params.cwd ?? '/');
        const warning = blocked
          ? `environment variable ${blocked}: ${blockedEnvReason(blocked)}`
          : analysis.safe
            ? undefined
            : analysis.reason;
        const { approval, outcome } = approvals.open(
          {
            command: params.command,
            host: params.host ?? 'gateway',
            requester: actorId(actorOf(session)),
            ...(params.commandArgv ? { commandArgv: params.commandArgv } : {}),
            ...(params.cwd ? { cwd: params.cwd } : {}),
            ...(Object.keys(env).length > 0 ? { env } : {}),
            ...(params.nodeId ? { nodeId: params.nodeId } : {}),
            ...(params.agentId ? { agentId: params.agentId } : {}),
            ...(params.sessionKey ? { sessionKey: params.sessionKey } : {}),
            ...(params.resolvedPath ? { resolvedPath: params.resolvedPath } : {}),
            ...(params.security ? { security: params.security } : {}),
            ...(params.ask ? { ask: params.ask } : {}),
            ...(warning === undefined ? {} : { warningText: `unsafe: ${warning}` }),
          },
          { ...(params.id ? { id: params.id } : {}), ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}) },
        );
        if (params.twoPhase) {
          ack({ status: 'accepted', id: approval.id, createdAtMs: approval.createdAtMs, expiresAtMs: approval.expiresAtMs });
        }
        const result = await outcome;
        return {
          id: result.id,
          decision: result.decision,
          createdAtMs: result.createdAtMs,
          expiresAtMs: result.expiresAtMs,
          ...(result.reason ? { reason: result.reason } : {}),
        };
      },
    }),
    defineMethod({
      name: 'exec.approval.resolve',
      params: ExecApprovalResolveParams,
      handler: ({ params, session }) => {
        approvals.resolve(params.id, params.decision, actorOf(session));
        return { ok: true };
      },
    }),
    defineMethod({
      name: 'exec.approval.list',
      params: ExecApprovalListParams,
      handler: () => ({ approvals: approvals.list() }),
    }),
    defineMethod({
      name: 'exec.approval.get',
      params: ExecApprovalGetParams,
      handler: ({ params }) => {
        const pending = approvals.get(params.id);
        if (pending) return { ...pending, status: 'pending' };
        const record = repository.approval(params.id);
        if (!record) throw invalidRequest('unknown or expired approval id', { reason: 'APPROVAL_NOT_FOUND', id: params.id });
        if (!storedRequestValidator.check(record.request)) throw unavailable(`approval ${record.id} is stored in a form this gateway cannot read`);
        return {
          id: record.id,
          request: record.request,
          createdAtMs: record.createdAtMs,
          expiresAtMs: record.expiresAtMs,
          status: record.status,
          decision: record.decision !== undefined && isDecision(record.decision) ? record.decision : null,
          ...(record.resolvedBy ? { resolvedBy: record.resolvedBy } : {}),
          ...(record.resolvedByActor ? { resolvedByActor: record.resolvedByActor } : {}),
        };
      },
    }),
  ];
}
