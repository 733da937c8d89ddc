/**
 * The `agent` event payload (spec §14, §15.2): one run's stream, numbered by the run's own `seq`
 * (starts at 1, one step per agent event). Objects are open, so another gateway's extra fields
 * pass; the stream kinds are the ones Gatehouse emits. Other kinds the protocol allows (v4 `item`,
 * `plan`, `error`, lifecycle phases `model`/`finishing`, tool `update`) fail the check, and a
 * client ignores them, as §15.2 says to.
 *
 * Required is what the protocol requires (the reference AgentEvent, §15.2's data shapes);
 * fields Gatehouse always adds beyond that are optional, so the same schema reads other gateways.
 */
import Type, { type Static } from 'typebox';

const NonEmpty = Type.String({ minLength: 1 });
/** Milliseconds since the epoch. */
const Timestamp = Type.Integer({ minimum: 0 });
const Count = Type.Integer({ minimum: 0 });

/**
 * Token counts of a run or a step (§15.2 `usage`: every count optional). Gatehouse sends all five;
 * other gateways may count differently, so none is required.
 */
export const TokenUsage = Type.Object({
  inputTokens: Type.Optional(Count),
  outputTokens: Type.Optional(Count),
  cacheReadTokens: Type.Optional(Count),
  cacheWriteTokens: Type.Optional(Count),
  totalTokens: Type.Optional(Count),
});
export type TokenUsage = Static<typeof TokenUsage>;

/** Where a run belongs. The reference AgentEvent has no top-level session, so Gatehouse puts it in lifecycle data. */
const runAddress = {
  sessionKey: Type.Optional(NonEmpty),
  agentId: Type.Optional(NonEmpty),
};

/** §15.2 lifecycle `start`: the run left the queue. */
export const AgentLifecycleStart = Type.Object({ phase: Type.Literal('start'), startedAt: Timestamp, ...runAddress });
export type AgentLifecycleStart = Static<typeof AgentLifecycleStart>;

/** §15.2 lifecycle `end`: finished or aborted (`aborted: true` for an abort or a timeout). */
export const AgentLifecycleEnd = Type.Object({
  phase: Type.Literal('end'),
  startedAt: Timestamp,
  endedAt: Timestamp,
  aborted: Type.Boolean(),
  stopReason: Type.String(),
  ...runAddress,
});
export type AgentLifecycleEnd = Static<typeof AgentLifecycleEnd>;

/** §15.2 lifecycle `error`: the run failed; `error` is the message a person reads. */
export const AgentLifecycleError = Type.Object({
  phase: Type.Literal('error'),
  error: Type.String(),
  startedAt: Type.Optional(Timestamp),
  endedAt: Type.Optional(Timestamp),
  ...runAddress,
});
export type AgentLifecycleError = Static<typeof AgentLifecycleError>;

/** §15.2 tool `start`: the model called a tool with `args`. */
export const AgentToolStart = Type.Object({
  phase: Type.Literal('start'),
  name: Type.String(),
  toolCallId: Type.String(),
  args: Type.Optional(Type.Unknown()),
});
export type AgentToolStart = Static<typeof AgentToolStart>;

/** §15.2 tool `result`: what the tool returned (a failure is `isError: true`, Gatehouse always says which). */
export const AgentToolResult = Type.Object({
  phase: Type.Literal('result'),
  name: Type.String(),
  toolCallId: Type.String(),
  result: Type.Optional(Type.Unknown()),
  isError: Type.Optional(Type.Boolean()),
});
export type AgentToolResult = Static<typeof AgentToolResult>;

/** Streamed text: `text` is everything so far, `delta` the new part (§15.2 `assistant` and `thinking`). */
const StreamedText = Type.Object({ text: Type.String(), delta: Type.String() });

const eventBase = {
  runId: NonEmpty,
  /** Per run, from 1; clients tolerate 0. */
  seq: Type.Integer({ minimum: 0 }),
  ts: Timestamp,
  spawnedBy: Type.Optional(NonEmpty),
  isHeartbeat: Type.Optional(Type.Boolean()),
};

/** `stream: "lifecycle"`: start, then end or error. */
export const AgentLifecycleEvent = Type.Object({
  ...eventBase,
  stream: Type.Literal('lifecycle'),
  data: Type.Union([AgentLifecycleStart, AgentLifecycleEnd, AgentLifecycleError]),
});
export type AgentLifecycleEvent = Static<typeof AgentLifecycleEvent>;

/** `stream: "assistant"`: the reply so far and its newest chunk. */
export const AgentAssistantEvent = Type.Object({ ...eventBase, stream: Type.Literal('assistant'), data: StreamedText });
export type AgentAssistantEvent = Static<typeof AgentAssistantEvent>;

/** `stream: "thinking"`: the model's reasoning so far (this step's) and its newest chunk. */
export const AgentThinkingEvent = Type.Object({ ...eventBase, stream: Type.Literal('thinking'), data: StreamedText });
export type AgentThinkingEvent = Static<typeof AgentThinkingEvent>;

/** `stream: "tool"`: a tool call starting, then its result. */
export const AgentToolEvent = Type.Object({
  ...eventBase,
  stream: Type.Literal('tool'),
  data: Type.Union([AgentToolStart, AgentToolResult]),
});
export type AgentToolEvent = Static<typeof AgentToolEvent>;

/** `stream: "usage"` (v4; Gatehouse sends it on both versions): the run's token totals, after its lifecycle end. */
export const AgentUsageEvent = Type.Object({ ...eventBase, stream: Type.Literal('usage'), data: TokenUsage });
export type AgentUsageEvent = Static<typeof AgentUsageEvent>;

/**
 * Where a run's reply was delivered (`deliver: true` on `agent`/`chat.send`), after its lifecycle
 * end: `delivered` with the chat, or `failed` with the reason. Gatehouse's stream (v4 allows other
 * kinds); a `chat.send` caller learns here what became of the delivery.
 */
export const AgentDeliveryData = Type.Object({
  status: Type.Union([Type.Literal('delivered'), Type.Literal('failed')]),
  channel: Type.Optional(NonEmpty),
  accountId: Type.Optional(NonEmpty),
  to: Type.Optional(NonEmpty),
  messageIds: Type.Optional(Type.Array(Type.String())),
  error: Type.Optional(Type.String()),
});
export type AgentDeliveryData = Static<typeof AgentDeliveryData>;
export const AgentDeliveryEvent = Type.Object({ ...eventBase, stream: Type.Literal('delivery'), data: AgentDeliveryData });
export type AgentDeliveryEvent = Static<typeof AgentDeliveryEvent>;

/** The `agent` event payload, every stream Gatehouse emits (spec §15.2). Same on protocol 3 and 4. */
export const AgentEvent = Type.Union([AgentLifecycleEvent, AgentAssistantEvent, AgentThinkingEvent, AgentToolEvent, AgentUsageEvent, AgentDeliveryEvent]);
export type AgentEvent = Static<typeof AgentEvent>;

export const AgentEventPayloads = { agent: AgentEvent } as const;
