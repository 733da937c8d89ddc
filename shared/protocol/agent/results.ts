/**
 * Results of the agent family: `agent`, `agent.wait`, `agent.identity.get`, `agents.list`
 * (spec §15.1, §15.3, methods.json).
 *
 * Required is what the protocol requires (the reference schema where there is one, else the
 * spec); inside shapes the protocol leaves open (`meta: {…}`) it is what Gatehouse always sends.
 * Fields Gatehouse adds to a shape the protocol describes are optional. Objects are open, so
 * the same schemas read other gateways' answers.
 */
import Type, { type Static } from 'typebox';
import { TokenUsage } from './events.js';

const NonEmpty = Type.String({ minLength: 1 });
/** Milliseconds since the epoch. */
const Timestamp = Type.Integer({ minimum: 0 });

// ── agent ───────────────────────────────────────────────────────────────────────────────

/** The first of `agent`'s two responses, sent once the run is admitted (§15.1 "Ack"). Gatehouse always names the session and agent. */
export const AgentAcceptedResult = Type.Object({
  runId: NonEmpty,
  status: Type.Literal('accepted'),
  acceptedAt: Timestamp,
  sessionKey: Type.Optional(NonEmpty),
  agentId: Type.Optional(NonEmpty),
});
export type AgentAcceptedResult = Static<typeof AgentAcceptedResult>;

/** One reply of a finished run: its text, and a media URL (`null` from Gatehouse). */
export const AgentReplyPayload = Type.Object({
  text: Type.String(),
  mediaUrl: Type.Union([Type.String(), Type.Null()]),
});
export type AgentReplyPayload = Static<typeof AgentReplyPayload>;

/** What ran: the spec leaves `meta` open, these are Gatehouse's. */
export const AgentRunMeta = Type.Object({
  durationMs: Type.Integer(),
  /** `provider/model`. */
  model: Type.String(),
  stopReason: Type.String(),
  sessionKey: NonEmpty,
  agentId: NonEmpty,
  usage: Type.Optional(TokenUsage),
});
export type AgentRunMeta = Static<typeof AgentRunMeta>;

/**
 * What became of `deliver: true` (§15.1: v4 adds `result.deliveryStatus` when delivery was
 * requested). `delivered` names the chat; `not-delivered` says why in `deliveryError` (with
 * `bestEffortDeliver` the run still succeeds; without it a failed delivery fails the call).
 */
export const AgentDeliveryStatus = Type.Union([Type.Literal('delivered'), Type.Literal('not-delivered')]);
export type AgentDeliveryStatus = Static<typeof AgentDeliveryStatus>;
export const AgentDeliveryTarget = Type.Object({ channel: NonEmpty, accountId: NonEmpty, to: NonEmpty, messageIds: Type.Array(Type.String()) });
export type AgentDeliveryTarget = Static<typeof AgentDeliveryTarget>;

/** Final response of a run that completed (§15.1 "Final", `status: "ok"`). */
export const AgentCompletedResult = Type.Object({
  runId: NonEmpty,
  status: Type.Literal('ok'),
  summary: Type.Literal('completed'),
  result: Type.Object({
    payloads: Type.Array(AgentReplyPayload),
    meta: AgentRunMeta,
    deliveryStatus: Type.Optional(AgentDeliveryStatus),
    deliveryError: Type.Optional(Type.String()),
    delivery: Type.Optional(AgentDeliveryTarget),
  }),
});
export type AgentCompletedResult = Static<typeof AgentCompletedResult>;

/**
 * Final response of a run that was aborted or ran out of time (§15.1, `status: "timeout"`).
 * `timeoutPhase: "run"` marks a timeout; protocol 3 answers a timeout as an `AGENT_TIMEOUT` error
 * instead (AgentFailedPayload), so on protocol 3 this is always an abort. Gatehouse always sends
 * `providerStarted` (did the model say anything).
 */
export const AgentAbortedResult = Type.Object({
  runId: NonEmpty,
  status: Type.Literal('timeout'),
  summary: Type.Literal('aborted'),
  stopReason: Type.String(),
  providerStarted: Type.Optional(Type.Boolean()),
  timeoutPhase: Type.Optional(Type.Literal('run')),
});
export type AgentAbortedResult = Static<typeof AgentAbortedResult>;

/**
 * The only response to a duplicate `agent` call while its run is going (§12): the caller follows
 * the run by events or `agent.wait`. Gatehouse names the session when the run is in this process.
 */
export const AgentInFlightResult = Type.Object({
  runId: NonEmpty,
  status: Type.Literal('in_flight'),
  sessionKey: Type.Optional(NonEmpty),
  agentId: Type.Optional(NonEmpty),
});
export type AgentInFlightResult = Static<typeof AgentInFlightResult>;

/** `agent`'s result: the last successful response on the request id (the "accepted" ack comes before it). */
export const AgentFinalResult = Type.Union([AgentCompletedResult, AgentAbortedResult, AgentInFlightResult]);
export type AgentFinalResult = Static<typeof AgentFinalResult>;

/**
 * The `payload` next to `ok: false` when a run fails (§15.1): `UNAVAILABLE` with
 * `details: {kind, statusCode?}` and `status: "error"`, or on protocol 3 `AGENT_TIMEOUT` with the
 * timeout's summary.
 */
export const AgentFailedPayload = Type.Union([
  Type.Object({ runId: NonEmpty, status: Type.Literal('error'), summary: Type.String() }),
  AgentAbortedResult,
]);
export type AgentFailedPayload = Static<typeof AgentFailedPayload>;

// ── agent.wait ──────────────────────────────────────────────────────────────────────────

/**
 * §15.3: how a run stands after waiting for it. `timeout` means the wait ran out (the run may go
 * on), `pending` that it is still queued; `error` carries the failure's message.
 */
export const AgentWaitResult = Type.Object({
  runId: NonEmpty,
  status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('timeout'), Type.Literal('pending')]),
  startedAt: Type.Optional(Timestamp),
  endedAt: Type.Optional(Timestamp),
  stopReason: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});
export type AgentWaitResult = Static<typeof AgentWaitResult>;

// ── agent.identity.get ──────────────────────────────────────────────────────────────────

/**
 * How an agent presents itself (methods.json `agent.identity.get`, reference AgentIdentityResult).
 * `nameSource` takes the reference's values and Gatehouse's `identity` (the name came from
 * `identity.name`); `theme` is Gatehouse's.
 */
export const AgentIdentityResult = Type.Object({
  agentId: NonEmpty,
  name: Type.Optional(NonEmpty),
  nameSource: Type.Optional(
    Type.Union([Type.Literal('identity'), Type.Literal('config'), Type.Literal('agent'), Type.Literal('workspace'), Type.Literal('default')]),
  ),
  emoji: Type.Optional(NonEmpty),
  avatar: Type.Optional(NonEmpty),
  avatarSource: Type.Optional(NonEmpty),
  theme: Type.Optional(NonEmpty),
});
export type AgentIdentityResult = Static<typeof AgentIdentityResult>;

// ── agents.list ─────────────────────────────────────────────────────────────────────────

/** One configured agent (reference AgentSummary; Gatehouse lists id, name, identity and model). */
export const AgentSummary = Type.Object({
  id: NonEmpty,
  name: Type.Optional(NonEmpty),
  identity: Type.Optional(
    Type.Object({
      name: Type.Optional(NonEmpty),
      theme: Type.Optional(NonEmpty),
      emoji: Type.Optional(NonEmpty),
      avatar: Type.Optional(NonEmpty),
    }),
  ),
  model: Type.Optional(Type.Object({ primary: Type.Optional(NonEmpty), fallbacks: Type.Optional(Type.Array(NonEmpty)) })),
});
export type AgentSummary = Static<typeof AgentSummary>;

/**
 * The configured agents (methods.json `agents.list`, reference AgentsListResult).
 * `selectionRequired: true` when several agents and none is the default.
 */
export const AgentsListResult = Type.Object({
  defaultId: NonEmpty,
  selectionRequired: Type.Optional(Type.Boolean()),
  mainKey: NonEmpty,
  scope: Type.Union([Type.Literal('per-sender'), Type.Literal('global')]),
  agents: Type.Array(AgentSummary),
});
export type AgentsListResult = Static<typeof AgentsListResult>;

/** Method → the schema of its (final) result. */
export const AgentResults = {
  agent: AgentFinalResult,
  'agent.wait': AgentWaitResult,
  'agent.identity.get': AgentIdentityResult,
  'agents.list': AgentsListResult,
} as const;

export type AgentMethod = keyof typeof AgentResults;
export type AgentResult<M extends AgentMethod> = Static<(typeof AgentResults)[M]>;
