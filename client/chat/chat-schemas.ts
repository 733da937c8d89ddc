/**
 * The protocol schemas the chat relay checks gateway answers and events against (shared/protocol
 * chat, sessions, models, agent, exec-approvals): what the protocol requires is checked, unknown
 * fields pass.
 */
import Type from 'typebox';
import { AgentEvent } from '../../shared/protocol/agent/events.js';
import { ChatEvent, NoProviderErrorDetails } from '../../shared/protocol/chat/events.js';
import { ChatResults } from '../../shared/protocol/chat/results.js';
import { ExecApprovalResolvedSchema, PendingExecApprovalSchema } from '../../shared/protocol/exec-approvals/events.js';
import { ModelsResults } from '../../shared/protocol/models/results.js';
import { SessionsListResult } from '../../shared/protocol/sessions/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';

export const chatHistoryResult = compileSchema(ChatResults['chat.history']);

export const chatAbortResult = compileSchema(ChatResults['chat.abort']);

export const sessionsListResult = compileSchema(SessionsListResult);

export const modelsListResult = compileSchema(ModelsResults['models.list']);

export const chatEventPayload = compileSchema(ChatEvent);

export const agentEventPayload = compileSchema(AgentEvent);

export const approvalRequestedPayload = compileSchema(PendingExecApprovalSchema);

export const approvalResolvedPayload = compileSchema(ExecApprovalResolvedSchema);

/** A refusal whose `details.code` says no model provider is configured (a request error, or its ErrorShape). */
const noProviderRefusal = compileSchema(Type.Object({ details: NoProviderErrorDetails }));

/**
 * Did the gateway refuse because no model provider is configured? Read from the refusal's
 * `details.code` (NO_PROVIDER_CODE) on the request error, or on its ErrorShape; never from its
 * wording (spec §5.1). The gateway refuses before admitting the run, so a `chat` error event
 * never means this.
 */
export function asksForProvider(failure: unknown): boolean {
  return noProviderRefusal.check(failure);
}
