/**
 * Results of the sessions family: `sessions.list`, `.preview`, `.patch`, `.reset`, `.delete`,
 * `.compact` (methods.json `sessions.*`).
 *
 * Required is what the protocol requires (the reference SessionRow and SessionsDeleteResult,
 * else methods.json); where methods.json leaves the rest open (`compact`'s "…") it is what
 * Gatehouse always sends. Fields Gatehouse adds to a shape the protocol describes are optional.
 * Objects are open, so the same schemas read other gateways' answers.
 */
import Type, { type Static } from 'typebox';

const NonEmpty = Type.String({ minLength: 1 });
const Timestamp = Type.Integer({ minimum: 0 });
const Count = Type.Integer({ minimum: 0 });

/**
 * A session as sessions.list, .patch and .reset report it (reference SessionRow: `key` and `kind`
 * required). Gatehouse always sends `sessionId`, `agentId`, `updatedAt`, `createdAt`, the token
 * counts and `active`; `kind` is `group` for group/channel keys, else `direct`. The per-session
 * overrides (`thinkingLevel` … `groupActivation`), `lastMessage` and `active` are Gatehouse's.
 */
export const SessionRow = Type.Object({
  key: Type.String(),
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group'), Type.Literal('global'), Type.Literal('unknown')]),
  sessionId: Type.Optional(Type.String()),
  agentId: Type.Optional(NonEmpty),
  label: Type.Optional(Type.String()),
  /** The first user message on one line, when asked for (`includeDerivedTitles`). */
  derivedTitle: Type.Optional(Type.String()),
  updatedAt: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  createdAt: Type.Optional(Type.Number()),
  /** The model the next turn would use (`modelProvider` / `model`). */
  model: Type.Optional(Type.String()),
  modelProvider: Type.Optional(Type.String()),
  thinkingLevel: Type.Optional(Type.String()),
  verboseLevel: Type.Optional(Type.String()),
  reasoningLevel: Type.Optional(Type.String()),
  responseUsage: Type.Optional(Type.String()),
  elevatedLevel: Type.Optional(Type.String()),
  sendPolicy: Type.Optional(Type.String()),
  groupActivation: Type.Optional(Type.String()),
  /** Tokens used since the session (re)started. */
  inputTokens: Type.Optional(Type.Number()),
  outputTokens: Type.Optional(Type.Number()),
  totalTokens: Type.Optional(Type.Number()),
  /** The newest message, when asked for (`includeLastMessage`). */
  lastMessage: Type.Optional(Type.Object({ role: Type.String(), text: Type.String(), timestamp: Timestamp })),
  /** A run of this session is queued or streaming. */
  active: Type.Optional(Type.Boolean()),
});
export type SessionRow = Static<typeof SessionRow>;

// ── sessions.list ───────────────────────────────────────────────────────────────────────

/** The default agent's model. Gatehouse sends `{}` when no model is configured, and no `contextTokens` for a model it cannot resolve. */
export const SessionsListDefaults = Type.Object({
  modelProvider: Type.Optional(Type.String()),
  model: Type.Optional(Type.String()),
  contextTokens: Type.Optional(Type.Number({ minimum: 0 })),
});
export type SessionsListDefaults = Static<typeof SessionsListDefaults>;

/**
 * methods.json `sessions.list`: one page of sessions (`count` of them) and where the store lives.
 * v4 adds `totalCount`, `hasMore` (Gatehouse always sends both), `limitApplied` and `nextOffset`.
 */
export const SessionsListResult = Type.Object({
  ts: Timestamp,
  path: Type.String(),
  count: Count,
  defaults: SessionsListDefaults,
  sessions: Type.Array(SessionRow),
  totalCount: Type.Optional(Count),
  limitApplied: Type.Optional(Count),
  hasMore: Type.Optional(Type.Boolean()),
  nextOffset: Type.Optional(Count),
});
export type SessionsListResult = Static<typeof SessionsListResult>;

// ── sessions.preview ────────────────────────────────────────────────────────────────────

/** One previewed session: its newest messages as short text, `empty` with none, `missing` when no such session. */
export const SessionPreview = Type.Object({
  key: Type.String(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('empty'), Type.Literal('missing')]),
  items: Type.Array(Type.Object({ role: Type.String(), text: Type.String() })),
});
export type SessionPreview = Static<typeof SessionPreview>;

/** methods.json `sessions.preview`: one preview per distinct key asked for. */
export const SessionsPreviewResult = Type.Object({ ts: Timestamp, previews: Type.Array(SessionPreview) });
export type SessionsPreviewResult = Static<typeof SessionsPreviewResult>;

// ── sessions.patch / .reset ─────────────────────────────────────────────────────────────

/** methods.json `sessions.patch`: the session after the change; `resolved` is the model its next turn uses, when one is configured. */
export const SessionsPatchResult = Type.Object({
  ok: Type.Literal(true),
  key: NonEmpty,
  entry: SessionRow,
  resolved: Type.Optional(Type.Object({ modelProvider: Type.String(), model: Type.String() })),
});
export type SessionsPatchResult = Static<typeof SessionsPatchResult>;

/** methods.json `sessions.reset`: the session under the same key with a new `sessionId` and no history. */
export const SessionsResetResult = Type.Object({ ok: Type.Literal(true), key: NonEmpty, entry: SessionRow });
export type SessionsResetResult = Static<typeof SessionsResetResult>;

// ── sessions.delete ─────────────────────────────────────────────────────────────────────

/** methods.json `sessions.delete` (reference SessionsDeleteResult): `deleted` is false when there was no such session; Gatehouse archives nothing. */
export const SessionsDeleteResult = Type.Object({
  ok: Type.Literal(true),
  key: NonEmpty,
  deleted: Type.Boolean(),
  archived: Type.Array(NonEmpty),
});
export type SessionsDeleteResult = Static<typeof SessionsDeleteResult>;

// ── sessions.compact ────────────────────────────────────────────────────────────────────

/**
 * methods.json `sessions.compact`: `compacted` when older messages left the context, `kept` and
 * `removed` count messages, `summarized` when a summary replaces them. `reason` says why they
 * were dropped without one (no model configured).
 */
export const SessionsCompactResult = Type.Object({
  ok: Type.Literal(true),
  key: NonEmpty,
  compacted: Type.Boolean(),
  kept: Count,
  removed: Count,
  summarized: Type.Boolean(),
  reason: Type.Optional(Type.String()),
});
export type SessionsCompactResult = Static<typeof SessionsCompactResult>;

/** Method → the schema of its result. */
export const SessionsResults = {
  'sessions.list': SessionsListResult,
  'sessions.preview': SessionsPreviewResult,
  'sessions.patch': SessionsPatchResult,
  'sessions.reset': SessionsResetResult,
  'sessions.delete': SessionsDeleteResult,
  'sessions.compact': SessionsCompactResult,
} as const;

export type SessionsMethod = keyof typeof SessionsResults;
export type SessionsResult<M extends SessionsMethod> = Static<(typeof SessionsResults)[M]>;
