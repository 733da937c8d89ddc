import Type, { type TSchema } from 'typebox';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';
import { ThinkingLevelSchema } from '../agent/params.js';

// Spec methods.json `sessions.*`; fields the protocol-4 reference carries and we do not use are accepted
// and dropped (protocol4-ignored-keys.ts); any other key is refused.

const SessionKey = Type.String({ minLength: 1, maxLength: 500 });
const AgentId = Type.String({ minLength: 1, maxLength: 64 });

/** `null` clears a per-session override in sessions.patch. */
const Clearable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const OneOf = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const MAX_PREVIEW_KEYS = 50;
export const MAX_PREVIEW_ITEMS = 100;
export const MAX_LIST_LIMIT = 1_000;

export const SessionsListParams = compileParams(
  Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIST_LIMIT })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    activeMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 5_256_000 })),
    includeGlobal: Type.Optional(Type.Boolean()),
    includeUnknown: Type.Optional(Type.Boolean()),
    includeDerivedTitles: Type.Optional(Type.Boolean()),
    includeLastMessage: Type.Optional(Type.Boolean()),
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    spawnedBy: Type.Optional(SessionKey),
    agentId: Type.Optional(AgentId),
    search: Type.Optional(Type.String({ maxLength: 500 })),
    activeOnly: Type.Optional(Type.Boolean()),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.SessionsListParams },
);

export const SessionsPreviewParams = compileParams(
  Type.Object({
    keys: Type.Array(SessionKey, { minItems: 1, maxItems: MAX_PREVIEW_KEYS }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PREVIEW_ITEMS })),
    maxChars: Type.Optional(Type.Integer({ minimum: 20, maximum: 100_000 })),
  }),
);

export const SessionsPatchParams = compileParams(
  Type.Object({
    key: SessionKey,
    agentId: Type.Optional(AgentId),
    label: Clearable(Type.String({ minLength: 1, maxLength: 512 })),
    thinkingLevel: Clearable(ThinkingLevelSchema),
    // config.md §4.1: verboseDefault off|on|full, reasoningDefault off|on|stream.
    verboseLevel: Clearable(OneOf(['off', 'on', 'full'])),
    reasoningLevel: Clearable(OneOf(['off', 'on', 'stream'])),
    responseUsage: Clearable(OneOf(['off', 'tokens', 'full', 'on'])),
    // OpenClaw's `/elevated` levels.
    elevatedLevel: Clearable(OneOf(['off', 'on', 'ask', 'full'])),
    model: Clearable(Type.String({ minLength: 1, maxLength: 300 })),
    sendPolicy: Clearable(OneOf(['allow', 'deny'])),
    groupActivation: Clearable(OneOf(['mention', 'always'])),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.SessionsPatchParams },
);

export const SessionsResetParams = compileParams(
  Type.Object({
    key: SessionKey,
    agentId: Type.Optional(AgentId),
    reason: Type.Optional(OneOf(['new', 'reset'])),
    expectedSessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }),
);

export const SessionsDeleteParams = compileParams(
  Type.Object({
    key: SessionKey,
    agentId: Type.Optional(AgentId),
    deleteTranscript: Type.Optional(Type.Boolean()),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.SessionsDeleteParams },
);

export const SessionsCompactParams = compileParams(
  Type.Object({
    key: SessionKey,
    agentId: Type.Optional(AgentId),
    maxLines: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  }),
);
