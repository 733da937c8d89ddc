import Type from 'typebox';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';
import { AttachmentsSchema, ThinkingLevelSchema } from '../agent/params.js';

const SessionKey = Type.String({ minLength: 1, maxLength: 500 });

export const ChatSendParams = compileParams(
  Type.Object({
    sessionKey: SessionKey,
    message: Type.String({ maxLength: 1_000_000 }),
    idempotencyKey: Type.String({ minLength: 1, maxLength: 200 }),
    thinking: Type.Optional(ThinkingLevelSchema),
    deliver: Type.Optional(Type.Boolean()),
    attachments: Type.Optional(AttachmentsSchema),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 172_800_000 })),
    agentId: Type.Optional(Type.String({ maxLength: 64 })),
    queueMode: Type.Optional(Type.Union([Type.Literal('steer'), Type.Literal('followup'), Type.Literal('collect'), Type.Literal('interrupt')])),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ChatSendParams },
);

export const ChatHistoryParams = compileParams(
  Type.Object({
    sessionKey: SessionKey,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    agentId: Type.Optional(Type.String({ maxLength: 64 })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    maxBytes: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 25_000_000 })),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ChatHistoryParams },
);

export const ChatAbortParams = compileParams(
  Type.Object({ sessionKey: SessionKey, runId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ChatAbortParams },
);
