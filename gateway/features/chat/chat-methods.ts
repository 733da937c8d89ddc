import { addressSession } from '../../agent/session-addressing.js';
import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { ChatAbortParams, ChatHistoryParams, ChatSendParams } from '../../../shared/protocol/chat/params.js';
import type { ChatHistoryMessage, ChatSendResult } from '../../../shared/protocol/chat/results.js';
import { IDEMPOTENCY_TTL_MS } from '../../../shared/protocol/limits.js';
import { parseAttachments } from '../../agent/attachments.js';
import { historyMessage } from '../../agent/history-view.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { deliverReply, requireDeliveryChannel } from '../../agent/channel-delivery.js';

const DEFAULT_HISTORY_LIMIT = 200;
const DEFAULT_HISTORY_MAX_BYTES = 5_000_000;

export type ChatContext = Pick<FeatureContext, 'agents' | 'store' | 'config' | 'delivery' | 'logger'>;

export function chatMethods(services: ChatContext): MethodDefinition[] {
  const { agents, store } = services;

  function address(sessionKey: string, agentId: string | undefined) {
    return addressSession(services.config.roster(), sessionKey, agentId, 'read');
  }

  /** What a retry of `runId` is told: in flight, or the run's real outcome (never "ok" for a failure). */
  function earlierRun(runId: string): ChatSendResult | undefined {
    if (agents.find('chat', runId)) return { runId, status: 'in_flight' };
    const previous = store.runs.get('chat', runId);
    if (!previous || Date.now() - previous.acceptedAtMs >= IDEMPOTENCY_TTL_MS) return undefined;
    if (previous.status === 'queued' || previous.status === 'running') return { runId, status: 'in_flight' };
    return { runId, status: previous.status, ...(previous.error ? { error: previous.error } : {}) };
  }

  return [
    defineMethod({
      name: 'chat.send',
      params: ChatSendParams,
      // Spec §12: a duplicate is answered from the run it repeats, while running and after.
      idempotency: {
        keyOf: (params) => `chat:${params.idempotencyKey}`,
        whileRunning: (params) => ({ runId: params.idempotencyKey, status: 'in_flight' }),
        afterCompletion: (params, stored) => earlierRun(params.idempotencyKey) ?? stored,
      },
      handler: async ({ params }) => {
        const runId = params.idempotencyKey;
        const earlier = earlierRun(runId);
        if (earlier) return earlier;
        if (params.deliver) requireDeliveryChannel(services.delivery);
        const attachments = parseAttachments(params.attachments);
        if (params.message.trim() === '' && attachments.length === 0) throw invalidRequest('message must not be empty');
        const prepared = agents.prepare({
          kind: 'chat',
          runId,
          sessionKey: params.sessionKey,
          agentId: params.agentId,
          message: params.message,
          attachments,
          thinking: params.thinking,
          timeoutMs: params.timeoutMs,
        });
        // The target is kept with the run: after a restart the runtime delivers what it resumes.
        // Durable before `started` (acknowledged runs survive a crash); see AgentRuntime.accept.
        const { run, durable } = agents.accept(params.deliver ? { ...prepared, deliver: { sessionKey: prepared.sessionKey } } : prepared);
        if (params.deliver) {
          // chat.send answers at once: the reply goes to the session agent's last chat after the run,
          // and the outcome arrives as the run's `agent` event (stream "delivery"), also when it fails.
          void run.done.then(async (result) => {
            if (result.status === 'ok') await deliverReply(services.delivery, run, { sessionKey: run.sessionKey }, result.text, services.logger);
          });
        }
        await durable;
        return { runId, status: 'started' };
      },
    }),
    defineMethod({
      name: 'chat.history',
      params: ChatHistoryParams,
      handler: ({ params }) => {
        const { sessionKey } = address(params.sessionKey, params.agentId);
        const session = store.sessions.get(sessionKey);
        const activeRuns = agents.activeForSession(sessionKey).map((run) => ({
          runId: run.runId,
          kind: run.kind,
          state: run.state,
          acceptedAt: run.acceptedAt,
          ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
          text: run.progress.text,
        }));
        if (!session) return { sessionKey, messages: [], hasMore: false, activeRuns };
        const limit = params.limit ?? DEFAULT_HISTORY_LIMIT;
        const beforeId = params.cursor === undefined ? undefined : Number(params.cursor);
        const rows = store.transcript.page(sessionKey, session.sessionId, { limit: limit + 1, ...(beforeId !== undefined ? { beforeId } : {}) });
        let hasMore = rows.length > limit;
        let page = hasMore ? rows.slice(1) : rows;
        // Keep the newest messages that fit in maxBytes.
        const maxBytes = params.maxBytes ?? DEFAULT_HISTORY_MAX_BYTES;
        const messages: ChatHistoryMessage[] = [];
        let bytes = 0;
        for (let index = page.length - 1; index >= 0; index--) {
          const view = historyMessage(page[index]!);
          bytes += Buffer.byteLength(JSON.stringify(view));
          if (bytes > maxBytes && messages.length > 0) {
            hasMore = true;
            page = page.slice(index + 1);
            break;
          }
          messages.unshift(view);
        }
        const oldest = page[0];
        return {
          sessionKey,
          sessionId: session.sessionId,
          messages,
          hasMore,
          ...(hasMore && oldest ? { cursor: String(oldest.id) } : {}),
          ...(session.settings.thinkingLevel ? { thinkingLevel: session.settings.thinkingLevel } : {}),
          activeRuns,
        };
      },
    }),
    defineMethod({
      name: 'chat.abort',
      params: ChatAbortParams,
      handler: ({ params }) => {
        const { sessionKey } = address(params.sessionKey, undefined);
        const runIds = agents.abort(sessionKey, params.runId);
        return { ok: true, aborted: runIds.length > 0, runIds };
      },
    }),
  ];
}
