/**
 * The `chat` event payload (spec §14, §15.4): a session-bound run's progress, one event per
 * streamed chunk and one at the end. `seq` mirrors the run's agent-event sequence. Gatehouse sends
 * the same payloads on protocol 3 and 4 (`deltaText` and `agentId` included on both).
 *
 * Required is what the reference (ChatDeltaEvent, ChatFinalEvent, ChatAbortedEvent,
 * ChatErrorEvent) requires; what Gatehouse always adds beyond it is optional, and objects are
 * open, so the same schema reads other gateways. v4's `state: "status"` is not described: a
 * client ignores it.
 */
import Type, { type Static } from 'typebox';
import { TokenUsage } from '../agent/events.js';

const NonEmpty = Type.String({ minLength: 1 });
const Timestamp = Type.Integer({ minimum: 0 });

/** Transcript content (the kinds Gatehouse writes, gateway/store transcript): plain text. */
export const TextPart = Type.Object({ type: Type.Literal('text'), text: Type.String() });
export type TextPart = Static<typeof TextPart>;

/** The model's reasoning, kept in the transcript. */
export const ThinkingPart = Type.Object({ type: Type.Literal('thinking'), thinking: Type.String() });
export type ThinkingPart = Static<typeof ThinkingPart>;

/** An image a person attached (base64 `data`). */
export const ImagePart = Type.Object({ type: Type.Literal('image'), mimeType: Type.String(), data: Type.String() });
export type ImagePart = Static<typeof ImagePart>;

/** A tool call the model made. */
export const ToolCallPart = Type.Object({
  type: Type.Literal('toolCall'),
  id: Type.String(),
  name: Type.String(),
  arguments: Type.Optional(Type.Unknown()),
});
export type ToolCallPart = Static<typeof ToolCallPart>;

/** What a tool returned. */
export const ToolResultPart = Type.Object({
  type: Type.Literal('toolResult'),
  toolCallId: Type.String(),
  name: Type.String(),
  result: Type.Optional(Type.Unknown()),
  isError: Type.Boolean(),
});
export type ToolResultPart = Static<typeof ToolResultPart>;

/**
 * A part of a kind Gatehouse does not write (another gateway's): accepted as it is, so one unknown
 * part does not sink a whole message or history. The known kinds must match their own schema.
 */
export const OtherContentPart = Type.Object({ type: Type.String({ pattern: '^(?!(?:text|thinking|image|toolCall|toolResult)$)' }) });
export type OtherContentPart = Static<typeof OtherContentPart>;

/** One part of a message's `content`. */
export const ContentPart = Type.Union([TextPart, ThinkingPart, ImagePart, ToolCallPart, ToolResultPart, OtherContentPart]);
export type ContentPart = Static<typeof ContentPart>;

/** The assistant message a chat event carries: the run's text so far (§15.4; Gatehouse: one text part). */
export const ChatEventMessage = Type.Object({
  role: Type.Literal('assistant'),
  content: Type.Array(ContentPart),
  timestamp: Timestamp,
});
export type ChatEventMessage = Static<typeof ChatEventMessage>;

const eventBase = {
  runId: NonEmpty,
  sessionKey: NonEmpty,
  /** v4; Gatehouse always sends it. */
  agentId: Type.Optional(NonEmpty),
  spawnedBy: Type.Optional(NonEmpty),
  seq: Type.Integer({ minimum: 0 }),
};

/** `state: "delta"`: `message` is the cumulative reply, `deltaText` just the new text (v4 requires it; Gatehouse always sends both). */
export const ChatDeltaEvent = Type.Object({
  ...eventBase,
  state: Type.Literal('delta'),
  message: Type.Optional(ChatEventMessage),
  deltaText: Type.String(),
  /** v4: the text was replaced, not extended (`message` holds all of it; a heartbeat took back a token). */
  replace: Type.Optional(Type.Boolean()),
});
export type ChatDeltaEvent = Static<typeof ChatDeltaEvent>;

/** `state: "final"`: finished; `message` is the whole reply (Gatehouse always sends it and `stopReason`). */
export const ChatFinalEvent = Type.Object({
  ...eventBase,
  state: Type.Literal('final'),
  message: Type.Optional(ChatEventMessage),
  usage: Type.Optional(TokenUsage),
  stopReason: Type.Optional(Type.String()),
});
export type ChatFinalEvent = Static<typeof ChatFinalEvent>;

/** `state: "aborted"`: stopped by chat.abort or its timeout; `message` is what was said until then. */
export const ChatAbortedEvent = Type.Object({
  ...eventBase,
  state: Type.Literal('aborted'),
  message: Type.Optional(ChatEventMessage),
  stopReason: Type.Optional(Type.String()),
});
export type ChatAbortedEvent = Static<typeof ChatAbortedEvent>;

/** v4 `errorKind` (§15.4). Gatehouse reports a rejected API key as `unknown`. */
export const ChatErrorKind = Type.Union([
  Type.Literal('refusal'),
  Type.Literal('timeout'),
  Type.Literal('rate_limit'),
  Type.Literal('context_length'),
  Type.Literal('unknown'),
]);
export type ChatErrorKind = Static<typeof ChatErrorKind>;

/** Which provider and model failed, and its HTTP status when there was one. */
export const ChatErrorDetail = Type.Object({
  provider: Type.Optional(Type.String()),
  model: Type.Optional(Type.String()),
  httpStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
});
export type ChatErrorDetail = Static<typeof ChatErrorDetail>;

/**
 * `state: "error"`: the run failed. Gatehouse always sends `errorMessage`, `errorKind` and
 * `errorDetail`, and `message` when some text was said before the failure.
 */
export const ChatErrorEvent = Type.Object({
  ...eventBase,
  state: Type.Literal('error'),
  message: Type.Optional(ChatEventMessage),
  errorMessage: Type.Optional(Type.String()),
  errorKind: Type.Optional(ChatErrorKind),
  errorDetail: Type.Optional(ChatErrorDetail),
});
export type ChatErrorEvent = Static<typeof ChatErrorEvent>;

/** The `chat` event payload: one of the four states. */
export const ChatEvent = Type.Union([ChatDeltaEvent, ChatFinalEvent, ChatAbortedEvent, ChatErrorEvent]);
export type ChatEvent = Static<typeof ChatEvent>;

export const ChatEventPayloads = { chat: ChatEvent } as const;

/**
 * `error.details.code` of the refusal `chat.send` and `agent` answer when no model provider is
 * configured (`UNAVAILABLE`, `retryable: false`). The refusal comes before the run is admitted,
 * so it never arrives as a `chat` error event. Spec §5.1: clients branch on `code` and
 * `details.code`, never on the message.
 */
export const NO_PROVIDER_CODE = 'NO_PROVIDER';

/** The `details` of that refusal. */
export const NoProviderErrorDetails = Type.Object({ code: Type.Literal(NO_PROVIDER_CODE) });
export type NoProviderErrorDetails = Static<typeof NoProviderErrorDetails>;
