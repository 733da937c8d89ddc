import { addressSession, impliedAgentId } from '../../agent/session-addressing.js';
import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { deliverReply, requireDeliveryChannel, type DeliveryOutcome } from '../../agent/channel-delivery.js';
import type { AgentInFlightResult } from '../../../shared/protocol/agent/results.js';
import { AgentIdentityParams, AgentParams, AgentWaitParams } from '../../../shared/protocol/agent/params.js';
import { parseAttachments } from '../../agent/attachments.js';
import type { RunResult } from '../../agent/active-run.js';
import { finalAgentPayload, storedRunResult } from '../../agent/run-payloads.js';
import { IDEMPOTENCY_TTL_MS } from '../../../shared/protocol/limits.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

const DEFAULT_WAIT_MS = 30_000;

/** `result.deliveryStatus` (spec §15.1, v4) and what Gatehouse adds: where it went, or why not. */
function deliveryFields(outcome: DeliveryOutcome) {
  return outcome.ok
    ? { deliveryStatus: 'delivered' as const, delivery: outcome.receipt }
    : { deliveryStatus: 'not-delivered' as const, deliveryError: outcome.error.message };
}

export type AgentContext = Pick<FeatureContext, 'agents' | 'store' | 'config' | 'delivery' | 'logger'>;

export function agentMethods(services: AgentContext): MethodDefinition[] {
  const { agents, store } = services;

  /** An `agent` run with this key, still going or finished within the dedupe window. */
  function earlierRun(runId: string): { running: true; payload: AgentInFlightResult } | { running: false; result: RunResult } | undefined {
    const active = agents.find('agent', runId);
    if (active) return { running: true, payload: { runId, status: 'in_flight', sessionKey: active.sessionKey, agentId: active.agentId } };
    const record = store.runs.get('agent', runId);
    if (!record || Date.now() - record.acceptedAtMs >= IDEMPOTENCY_TTL_MS) return undefined;
    if (record.status === 'queued' || record.status === 'running') return { running: true, payload: { runId, status: 'in_flight' } };
    return { running: false, result: storedRunResult(record) };
  }

  return [
    defineMethod({
      name: 'agent',
      params: AgentParams,
      idempotency: {
        keyOf: (params) => `agent:${params.idempotencyKey}`,
        whileRunning: (params) => ({ runId: params.idempotencyKey, status: 'in_flight' }),
        isFinal: (payload) => payload.status !== 'in_flight',
      },
      handler: async ({ params, session, ack }) => {
        // The router's dedupe cache dies with the process; the store answers duplicates after a restart.
        const earlier = earlierRun(params.idempotencyKey);
        if (earlier) return earlier.running ? earlier.payload : finalAgentPayload(earlier.result, session.protocol);
        if (params.deliver) requireDeliveryChannel(services.delivery);
        const prepared = agents.prepare({
          kind: 'agent',
          runId: params.idempotencyKey,
          sessionKey: params.sessionKey,
          sessionId: params.sessionId,
          agentId: params.agentId,
          message: params.message,
          attachments: parseAttachments(params.attachments),
          thinking: params.thinking,
          extraSystemPrompt: params.extraSystemPrompt,
          timeoutMs: params.timeout === undefined ? undefined : params.timeout * 1_000,
        });
        const target = {
          sessionKey: prepared.sessionKey,
          ...(params.channel !== undefined ? { channel: params.channel } : {}),
          ...(params.to !== undefined ? { to: params.to } : {}),
          ...(params.accountId !== undefined ? { accountId: params.accountId } : {}),
        };
        // Spec §15.1: a target that cannot be resolved is refused before admission, unless best effort.
        if (params.deliver && params.bestEffortDeliver !== true) services.delivery.check(target);
        // The target is kept with the run: after a restart the runtime delivers what it resumes.
        // Durable before `accepted` (acknowledged runs survive a crash); see AgentRuntime.accept.
        const { run, durable } = agents.accept(params.deliver ? { ...prepared, deliver: target } : prepared);
        await durable;
        ack({ runId: run.runId, status: 'accepted', acceptedAt: run.acceptedAt, sessionKey: run.sessionKey, agentId: run.agentId });
        const result = await run.done;
        const payload = finalAgentPayload(result, session.protocol);
        if (!params.deliver || payload.status !== 'ok') return payload;
        const delivered = await deliverReply(services.delivery, run, target, result.text, services.logger);
        if (!delivered.ok && params.bestEffortDeliver !== true) throw delivered.error;
        return { ...payload, result: { ...payload.result, ...deliveryFields(delivered) } };
      },
    }),
    defineMethod({
      name: 'agent.wait',
      params: AgentWaitParams,
      handler: async ({ params }) => {
        const run = agents.findAny(params.runId);
        if (run) {
          const timeoutMs = params.timeoutMs ?? DEFAULT_WAIT_MS;
          let timer: NodeJS.Timeout | undefined;
          const waited = await Promise.race([
            run.done,
            new Promise<undefined>((resolve) => {
              timer = setTimeout(() => resolve(undefined), timeoutMs);
            }),
          ]);
          clearTimeout(timer);
          if (!waited) {
            return run.state === 'queued'
              ? { runId: run.runId, status: 'pending' }
              : { runId: run.runId, status: 'timeout', startedAt: run.startedAt };
          }
          return {
            runId: waited.runId,
            status: waited.status,
            startedAt: waited.startedAt,
            endedAt: waited.endedAt,
            stopReason: waited.stopReason,
            ...(waited.failure ? { error: waited.failure.message } : {}),
          };
        }
        const record = store.runs.find(params.runId);
        if (!record) throw invalidRequest(`unknown runId: ${params.runId}`);
        return {
          runId: record.runId,
          status: record.status === 'queued' ? 'pending' : record.status === 'running' ? 'timeout' : record.status,
          ...(record.startedAtMs !== undefined ? { startedAt: record.startedAtMs } : {}),
          ...(record.endedAtMs !== undefined ? { endedAt: record.endedAtMs } : {}),
          ...(record.stopReason ? { stopReason: record.stopReason } : {}),
          ...(record.error ? { error: record.error } : {}),
        };
      },
    }),
    defineMethod({
      name: 'agent.identity.get',
      params: AgentIdentityParams,
      handler: ({ params }) => {
        const roster = services.config.roster();
        const implied = impliedAgentId(roster, params.agentId, 'read');
        const agentId = params.sessionKey && implied ? addressSession(roster, params.sessionKey, implied, 'read').agentId : implied;
        const agent = roster.agents.find((candidate) => candidate.id === agentId);
        if (!agent) throw invalidRequest(`unknown agent: ${agentId ?? '(none configured)'}`, { code: 'UNKNOWN_AGENT' });
        const identity = agent.identity ?? {};
        const name = identity.name ?? agent.name;
        return {
          agentId: agent.id,
          ...(name ? { name, nameSource: identity.name ? 'identity' : 'config' } : {}),
          ...(identity.emoji ? { emoji: identity.emoji } : {}),
          ...(identity.avatar ? { avatar: identity.avatar, avatarSource: 'config' } : {}),
          ...(identity.theme ? { theme: identity.theme } : {}),
        };
      },
    }),
  ];
}
