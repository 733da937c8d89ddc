import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import {
  NodePairApproveParams,
  NodePairListParams,
  NodePairRejectParams,
  NodePairRequestParams,
  NodePairVerifyParams,
} from '../../../shared/protocol/nodes/params.js';
import { scopeSatisfied } from '../../../shared/protocol/scopes.js';
import { approvalScopesFor } from './node-command-policy.js';
import { surfaceOf } from './node-surface.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import type { ClientSession } from '../../core/server/connection-contract.js';
import { missingScope } from './nodes-methods.js';

function approverName(session: ClientSession): string {
  return session.client.displayName || session.client.id;
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Node capability approval (spec §10.3) and its legacy v3 wrappers. */
export type NodePairingContext = Pick<FeatureContext, 'nodes' | 'devices'>;

export function nodePairingMethods(services: NodePairingContext): MethodDefinition[] {
  const { nodes } = services;
  const unknownRequest = (requestId: string) => invalidRequest('unknown requestId', { requestId });
  return [
    defineMethod({
      name: 'node.pair.list',
      params: NodePairListParams,
      handler: () => ({ pending: nodes.pairing.pending(), paired: nodes.pairedNodes() }),
    }),
    defineMethod({
      name: 'node.pair.approve',
      params: NodePairApproveParams,
      handler: ({ params, session }) => {
        const request = nodes.pairing.pendingRequest(params.requestId);
        if (!request) throw unknownRequest(params.requestId);
        // Spec §7.3: the declared commands decide what, beyond operator.pairing, approving takes.
        for (const scope of approvalScopesFor(request.commands)) {
          if (!scopeSatisfied(scope, session.scopes)) throw missingScope(scope, session);
        }
        const approved = nodes.pairing.approve(params.requestId, approverName(session));
        if (!approved) throw unknownRequest(params.requestId);
        const node = nodes.pairedNodes().find((view) => view.nodeId === request.nodeId);
        // Approving just wrote the node's record, so it is listed.
        if (!node) throw new Error(`approved node ${request.nodeId} is missing from the paired list`);
        return { requestId: params.requestId, node };
      },
    }),
    defineMethod({
      name: 'node.pair.reject',
      params: NodePairRejectParams,
      handler: ({ params, session }) => {
        const request = nodes.pairing.reject(params.requestId, approverName(session));
        if (!request) throw unknownRequest(params.requestId);
        return { requestId: request.requestId, nodeId: request.nodeId };
      },
    }),
    defineMethod({
      name: 'node.pair.request',
      params: NodePairRequestParams,
      handler: ({ params }) => {
        const metadata = compact({
          displayName: params.displayName,
          platform: params.platform,
          version: params.version,
          coreVersion: params.coreVersion,
          uiVersion: params.uiVersion,
          deviceFamily: params.deviceFamily,
          modelIdentifier: params.modelIdentifier,
          remoteIp: params.remoteIp,
        });
        const surface = nodes.requestableSurface(surfaceOf(params.caps, params.commands, params.permissions));
        const { created, request } = nodes.pairing.open({ nodeId: params.nodeId, metadata, surface, silent: params.silent ?? false });
        return { status: 'pending', created, request };
      },
    }),
    defineMethod({
      name: 'node.pair.verify',
      params: NodePairVerifyParams,
      handler: ({ params }) => {
        // v3 nodes held a per-node token; ours is the node-role device token (spec §10.3).
        if (services.devices.tokens.check(params.nodeId, 'node', params.token, []) !== 'ok') return { ok: false };
        const node = nodes.row(params.nodeId);
        return node ? { ok: true, node } : { ok: true };
      },
    }),
  ];
}
