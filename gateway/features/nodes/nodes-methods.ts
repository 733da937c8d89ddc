import { GatewayError, invalidRequest } from '../../../shared/protocol/error-codes.js';
import { NODE_INVOKE_DEFAULT_TIMEOUT_MS } from '../../../shared/protocol/limits.js';
import {
  NodeDescribeParams,
  NodeEventParams,
  NodeInvokeParams,
  NodeInvokeResultParams,
  NodeListParams,
  NodeRenameParams,
} from '../../../shared/protocol/nodes/params.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../../shared/protocol/scopes.js';
import { isExecApprovalsCommand, invokeNeedsAdmin } from './node-command-policy.js';
import { missingScopeError } from '../../core/router/dispatch.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import type { ClientSession } from '../../core/server/connection-contract.js';

/** The missing-scope error of spec §7.4, thrown from inside a handler. */
export function missingScope(scope: string, session: ClientSession): GatewayError {
  const shape = missingScopeError(scope, session.protocol);
  return new GatewayError(shape.code, shape.message, { details: shape.details });
}

/** The calling node's id; node-role connections always carry a verified device (spec §4.5). */
function callerNodeId(session: ClientSession): string {
  if (!session.deviceId) throw invalidRequest('node identity required');
  return session.deviceId;
}

function parsePayloadJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest('invalid node.event params: payloadJSON is not valid JSON');
  }
}

/** Spec §17: listing, describing and invoking nodes, and what nodes report back. */
export type NodeContext = Pick<FeatureContext, 'nodes'>;

export function nodeMethods(services: NodeContext): MethodDefinition[] {
  const { nodes } = services;
  return [
    defineMethod({
      name: 'node.list',
      params: NodeListParams,
      handler: () => ({ ts: Date.now(), nodes: nodes.rows() }),
    }),
    defineMethod({
      name: 'node.describe',
      params: NodeDescribeParams,
      handler: ({ params }) => {
        const row = nodes.row(params.nodeId);
        if (!row) throw invalidRequest('unknown nodeId', { nodeId: params.nodeId });
        return { ts: Date.now(), ...row };
      },
    }),
    defineMethod({
      name: 'node.rename',
      params: NodeRenameParams,
      handler: ({ params }) => {
        const displayName = params.displayName.trim();
        if (!displayName) throw invalidRequest('invalid node.rename params: displayName must not be blank');
        if (!nodes.rename(params.nodeId, displayName)) throw invalidRequest('unknown nodeId', { nodeId: params.nodeId });
        return { nodeId: params.nodeId, displayName };
      },
    }),
    defineMethod({
      name: 'node.invoke',
      params: NodeInvokeParams,
      handler: ({ params, session }) => {
        if (isExecApprovalsCommand(params.command)) {
          throw invalidRequest(
            `${params.command} cannot be invoked with node.invoke; use exec.approvals.node.get / exec.approvals.node.set`,
            { reason: 'use-exec-approvals-node', command: params.command },
          );
        }
        if (invokeNeedsAdmin(params.command) && !scopeSatisfied(OPERATOR_SCOPES.admin, session.scopes)) {
          throw missingScope(OPERATOR_SCOPES.admin, session);
        }
        return nodes.invoke({
          nodeId: params.nodeId,
          command: params.command,
          params: params.params,
          timeoutMs: params.timeoutMs ? params.timeoutMs : NODE_INVOKE_DEFAULT_TIMEOUT_MS,
          idempotencyKey: params.idempotencyKey,
        });
      },
    }),
    defineMethod({
      name: 'node.invoke.result',
      params: NodeInvokeResultParams,
      handler: ({ params, session }) => {
        if (params.nodeId !== callerNodeId(session)) throw invalidRequest('nodeId mismatch', { nodeId: params.nodeId });
        return nodes.reportResult(params) ? { ok: true } : { ok: true, ignored: true };
      },
    }),
    defineMethod({
      name: 'node.event',
      params: NodeEventParams,
      handler: ({ params, session }) => {
        const nodeId = callerNodeId(session);
        const payload = params.payload === undefined && params.payloadJSON !== undefined ? parsePayloadJson(params.payloadJSON) : params.payload;
        const outcome = nodes.handleEvent(nodeId, params.event, payload);
        // Protocol 3 answers {ok:true}; v4 adds what happened (spec §17.3).
        if (session.protocol < 4) return { ok: true };
        return { ok: true, event: params.event, handled: outcome.handled, ...(outcome.reason ? { reason: outcome.reason } : {}) };
      },
    }),
  ];
}
