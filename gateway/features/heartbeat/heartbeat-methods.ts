import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { LastHeartbeatParams, SetHeartbeatsParams, WakeParams } from '../../../shared/protocol/heartbeat/params.js';
import { impliedAgentId } from '../../agent/session-addressing.js';
import { canonicalSessionKey } from '../../agent/session-keys.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { HeartbeatContext } from './heartbeat-context.js';
import type { HeartbeatService } from './heartbeat-service.js';

/** Which agent a wake is for: its `agentId`, the agent its `sessionKey` names, else the default. */
function wakeTarget(context: HeartbeatContext, params: { agentId?: string; sessionKey?: string }): { agentId: string; sessionKey: string } {
  const roster = context.config.roster();
  const requested = params.agentId?.toLowerCase();
  const fallback = impliedAgentId(roster, params.agentId, 'run');
  if (fallback === undefined) {
    throw invalidRequest('no default agent is configured: name the agent to wake with agentId', { code: 'UNKNOWN_AGENT' });
  }
  const address = params.sessionKey !== undefined ? canonicalSessionKey(params.sessionKey, fallback) : { agentId: fallback, sessionKey: `agent:${fallback}:main` };
  if (requested !== undefined && address.agentId !== requested) {
    throw invalidRequest(`sessionKey ${address.sessionKey} belongs to agent ${address.agentId}, not ${requested}`);
  }
  if (!roster.agents.some((agent) => agent.id === address.agentId)) {
    throw invalidRequest(`unknown agent: ${address.agentId}`, { code: 'UNKNOWN_AGENT', agentId: address.agentId });
  }
  return address;
}

export function heartbeatMethods(context: HeartbeatContext, service: HeartbeatService): MethodDefinition[] {
  return [
    defineMethod({
      name: 'last-heartbeat',
      params: LastHeartbeatParams,
      handler: () => service.lastEvent(),
    }),
    defineMethod({
      name: 'set-heartbeats',
      params: SetHeartbeatsParams,
      handler: ({ params }) => {
        service.setEnabled(params.enabled);
        return { ok: true as const, enabled: params.enabled };
      },
    }),
    defineMethod({
      name: 'wake',
      params: WakeParams,
      handler: ({ params, session, connection }) => {
        const target = wakeTarget(context, params);
        // The text waits in the session's queue; the heartbeat turn (or the next turn) reads it.
        context.store.systemEvents.enqueue({
          ts: context.clock.now(),
          text: params.text,
          sessionKey: target.sessionKey,
          source: `wake:${session.deviceId ?? session.client.id ?? connection.connId}`,
        });
        context.wakeRequests.request({ reason: 'wake', agentId: target.agentId, mode: params.mode });
        return { ok: true as const };
      },
    }),
  ];
}
