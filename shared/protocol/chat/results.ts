/**
 * Results of the chat family: `chat.send`, `chat.history`, `chat.abort` (spec §12, §15.4, §15.5,
 * methods.json).
 *
 * Required is what the spec requires; inside shapes it leaves undescribed (a history message, an
 * active run) it is what Gatehouse always sends. Fields Gatehouse adds to a shape the spec
 * describes are optional. Objects are open, so the same schemas read other gateways' answers.
 */
import Type, { type Static } from 'typebox';
import { TokenUsage } from '../agent/events.js';
import { ContentPart } from './events.js';

const NonEmpty = Type.String({ minLength: 1 });
const Timestamp = Type.Integer({ minimum: 0 });

// ── chat.send ───────────────────────────────────────────────────────────────────────────

/**
 * §15.4, §12: `started` for a new run (its output comes as `chat` events), `in_flight` for a
 * duplicate while it runs. A duplicate after the run is answered with how it ended: `ok`, or
 * (Gatehouse, never "ok" for a failure) `error` / `timeout` with the run's `error` message.
 */
export const ChatSendResult = Type.Object({
  runId: NonEmpty,
  status: Type.Union([Type.Literal('started'), Type.Literal('in_flight'), Type.Literal('ok'), Type.Literal('error'), Type.Literal('timeout')]),
  error: Type.Optional(Type.String()),
});
export type ChatSendResult = Static<typeof ChatSendResult>;

// ── chat.history ────────────────────────────────────────────────────────────────────────

/**
 * A transcript message, display-normalised (§15.4). Gatehouse's roles: `user`, `assistant`,
 * `toolResult`, `system`. `id` is the cursor position; the rest is the reply's metadata.
 */
export const ChatHistoryMessage = Type.Object({
  id: Type.String(),
  role: NonEmpty,
  content: Type.Array(ContentPart),
  timestamp: Timestamp,
  runId: Type.Optional(Type.String()),
  stopReason: Type.Optional(Type.String()),
  usage: Type.Optional(TokenUsage),
  model: Type.Optional(Type.String()),
  provider: Type.Optional(Type.String()),
  /** Cut off by chat.abort or a timeout; what was said is kept. */
  aborted: Type.Optional(Type.Boolean()),
  errorMessage: Type.Optional(Type.String()),
  /** The gateway stopped while this reply was being written; the run was resumed after it. */
  interrupted: Type.Optional(Type.Boolean()),
});
export type ChatHistoryMessage = Static<typeof ChatHistoryMessage>;

/** A run of the session that is queued or streaming (Gatehouse): `text` is what it has said so far. */
export const ChatActiveRun = Type.Object({
  runId: NonEmpty,
  kind: Type.Union([Type.Literal('agent'), Type.Literal('chat')]),
  state: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done')]),
  acceptedAt: Timestamp,
  startedAt: Type.Optional(Timestamp),
  text: Type.String(),
});
export type ChatActiveRun = Static<typeof ChatActiveRun>;

/**
 * §15.4 `chat.history`: the canonical `sessionKey` and a page of messages, oldest first.
 * `sessionId` is there once the session exists. Gatehouse always adds `hasMore` (v4) and
 * `activeRuns`; `cursor` (pass it back for older messages) when `hasMore`.
 */
export const ChatHistoryResult = Type.Object({
  sessionKey: NonEmpty,
  sessionId: Type.Optional(NonEmpty),
  messages: Type.Array(ChatHistoryMessage),
  thinkingLevel: Type.Optional(Type.String()),
  hasMore: Type.Optional(Type.Boolean()),
  cursor: Type.Optional(Type.String()),
  activeRuns: Type.Optional(Type.Array(ChatActiveRun)),
});
export type ChatHistoryResult = Static<typeof ChatHistoryResult>;

// ── chat.abort ──────────────────────────────────────────────────────────────────────────

/** §15.5: `aborted` is false when nothing was running; `runIds` are the runs it stopped. */
export const ChatAbortResult = Type.Object({
  ok: Type.Literal(true),
  aborted: Type.Boolean(),
  runIds: Type.Array(Type.String()),
});
export type ChatAbortResult = Static<typeof ChatAbortResult>;

/** Method → the schema of its result. */
export const ChatResults = {
  'chat.send': ChatSendResult,
  'chat.history': ChatHistoryResult,
  'chat.abort': ChatAbortResult,
} as const;

export type ChatMethod = keyof typeof ChatResults;
export type ChatResult<M extends ChatMethod> = Static<(typeof ChatResults)[M]>;
