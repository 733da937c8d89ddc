/**
 * Every method's result schema, one map over the domains (shared/protocol/<domain>/results.ts).
 * The gateway's handlers are typed by it (gateway/core/router/method-definition.ts), the
 * companion parses answers with it, and the integration tests validate every response against it.
 */
import type { Static, TSchema } from 'typebox';
import { AgentAcceptedResult, AgentResults } from './agent/results.js';
import { ChannelsResults } from './channels/results.js';
import { CronResults } from './cron/results.js';
import { ChatResults } from './chat/results.js';
import { ConfigResults } from './config/results.js';
import { DevicesResults } from './devices/results.js';
import { ExecApprovalRequestAcceptedSchema, ExecApprovalsResults } from './exec-approvals/results.js';
import { HealthResults } from './health/results.js';
import { HeartbeatResults } from './heartbeat/results.js';
import { LogsResults } from './logs/results.js';
import { ModelsResults } from './models/results.js';
import { NodesResults } from './nodes/results.js';
import { SessionsResults } from './sessions/results.js';
import { SkillsResults } from './skills/results.js';
import { SystemResults } from './system/results.js';
import { UsageResults } from './usage/results.js';
import { BrowserResults } from './browser/results.js';
import { TalkResults } from './talk/results.js';
import { TtsResults } from './tts/results.js';
import { UpdateResults } from './update/results.js';
import { VoicewakeResults } from './voicewake/results.js';
import { WizardResults } from './wizard/results.js';

/** Method → the schema of its (final) successful result. */
export const METHOD_RESULTS = {
  ...AgentResults,
  ...ChannelsResults,
  ...ChatResults,
  ...ConfigResults,
  ...CronResults,
  ...DevicesResults,
  ...ExecApprovalsResults,
  ...HealthResults,
  ...HeartbeatResults,
  ...LogsResults,
  ...ModelsResults,
  ...NodesResults,
  ...SessionsResults,
  ...SkillsResults,
  ...SystemResults,
  ...UsageResults,
  ...BrowserResults,
  ...TalkResults,
  ...TtsResults,
  ...UpdateResults,
  ...VoicewakeResults,
  ...WizardResults,
} as const satisfies Readonly<Record<string, TSchema>>;

/**
 * Two-phase methods → the schema of their first ("accepted") response, sent before the final
 * result on the same request id.
 */
export const METHOD_ACKS = {
  agent: AgentAcceptedResult,
  'exec.approval.request': ExecApprovalRequestAcceptedSchema,
} as const satisfies Readonly<Record<string, TSchema>>;

export type MethodWithResult = keyof typeof METHOD_RESULTS;
export type TwoPhaseMethod = keyof typeof METHOD_ACKS;

/** What method `M` answers with; `unknown` for a method whose result has no schema yet. */
export type MethodResult<M extends string> = M extends MethodWithResult ? Static<(typeof METHOD_RESULTS)[M]> : unknown;

/** The "accepted" ack of two-phase method `M`; `never` for a method that sends none. */
export type MethodAck<M extends string> = M extends TwoPhaseMethod ? Static<(typeof METHOD_ACKS)[M]> : never;

/** The result schema of `method`, or undefined for a method without one. */
export function resultSchemaOf(method: string): TSchema | undefined {
  return Object.hasOwn(METHOD_RESULTS, method) ? METHOD_RESULTS[method as MethodWithResult] : undefined;
}

/** The ack schema of a two-phase `method`, or undefined. */
export function ackSchemaOf(method: string): TSchema | undefined {
  return Object.hasOwn(METHOD_ACKS, method) ? METHOD_ACKS[method as TwoPhaseMethod] : undefined;
}
