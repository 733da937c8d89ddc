import Type from 'typebox';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';

const Key = Type.String({ minLength: 1, maxLength: 200 });
const Optional = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** Image attachments; content is checked further (type, base64, size) when a run is prepared. */
export const AttachmentsSchema = Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 10 });

export const ThinkingLevelSchema = Type.Union(
  ['off', 'minimal', 'low', 'medium', 'high', 'xhigh', 'adaptive', 'max', 'ultra'].map((level) => Type.Literal(level)),
);

export const AgentParams = compileParams(
  Type.Object({
    message: Type.String({ minLength: 1, maxLength: 1_000_000 }),
    idempotencyKey: Key,
    agentId: Optional(64),
    sessionId: Optional(200),
    sessionKey: Optional(500),
    to: Optional(500),
    channel: Optional(100),
    accountId: Optional(200),
    threadId: Optional(200),
    thinking: Type.Optional(ThinkingLevelSchema),
    deliver: Type.Optional(Type.Boolean()),
    bestEffortDeliver: Type.Optional(Type.Boolean()),
    attachments: Type.Optional(AttachmentsSchema),
    timeout: Type.Optional(Type.Integer({ minimum: 0, maximum: 172_800 })),
    lane: Optional(100),
    extraSystemPrompt: Optional(100_000),
    label: Optional(200),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.AgentParams },
);

export const AgentWaitParams = compileParams(
  Type.Object({ runId: Key, timeoutMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })) }),
);

export const AgentIdentityParams = compileParams(Type.Object({ agentId: Optional(64), sessionKey: Optional(500) }));
