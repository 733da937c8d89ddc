import Type from 'typebox';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });

export const ExecApprovalsGetParams = compileParams(Type.Object({}));
export const ExecApprovalsSetParams = compileParams(
  Type.Object({ file: Type.Record(Type.String(), Type.Unknown()), baseHash: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
);

export const ExecApprovalRequestParams = compileParams(
  Type.Object({
    id: Type.Optional(Id),
    command: Type.String({ minLength: 1, maxLength: 100_000 }),
    commandArgv: Type.Optional(Type.Array(Type.String(), { maxItems: 1_000 })),
    cwd: Type.Optional(Type.String({ maxLength: 4_096 })),
    env: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 10_000 }), { maxProperties: 100 })),
    host: Type.Optional(Type.Union([Type.Literal('gateway'), Type.Literal('node')])),
    nodeId: Type.Optional(Id),
    security: Type.Optional(Type.Union([Type.Literal('deny'), Type.Literal('allowlist'), Type.Literal('full')])),
    ask: Type.Optional(Type.Union([Type.Literal('off'), Type.Literal('on-miss'), Type.Literal('always')])),
    agentId: Type.Optional(Type.String({ maxLength: 64 })),
    resolvedPath: Type.Optional(Type.String({ maxLength: 4_096 })),
    sessionKey: Type.Optional(Type.String({ maxLength: 500 })),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 86_400_000 })),
    twoPhase: Type.Optional(Type.Boolean()),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ExecApprovalRequestParams },
);

export const ExecApprovalResolveParams = compileParams(Type.Object({ id: Id, decision: Type.String({ minLength: 1, maxLength: 50 }) }), { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ExecApprovalResolveParams });
export const ExecApprovalGetParams = compileParams(Type.Object({ id: Id }));
export const ExecApprovalListParams = compileParams(Type.Object({}));

export const ExecApprovalsNodeGetParams = compileParams(Type.Object({ nodeId: Id }));
export const ExecApprovalsNodeSetParams = compileParams(
  Type.Object({
    nodeId: Id,
    file: Type.Record(Type.String(), Type.Unknown()),
    baseHash: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ExecApprovalsNodeSetParams },
);
