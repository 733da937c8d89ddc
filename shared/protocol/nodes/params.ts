import Type from 'typebox';
import { NODE_INVOKE_MAX_TIMEOUT_MS } from '../limits.js';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';

// Params of the node.* family (spec §10.3, §17, methods.json). Closed: a key neither protocol defines
// is refused; the protocol-4 keys we do not use are accepted and dropped (protocol4-ignored-keys.ts).

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Label = Type.String({ minLength: 1, maxLength: 200 });
const Names = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 512 });
const Permissions = Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.Boolean());

export const NodeListParams = compileParams(Type.Object({}));
export const NodeDescribeParams = compileParams(Type.Object({ nodeId: Id }));
export const NodeRenameParams = compileParams(
  Type.Object({ nodeId: Id, displayName: Type.String({ minLength: 1, maxLength: 200 }) }),
);

export const NodeInvokeParams = compileParams(
  Type.Object({
    nodeId: Id,
    command: Type.String({ minLength: 1, maxLength: 200 }),
    params: Type.Optional(Type.Unknown()),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 0, maximum: NODE_INVOKE_MAX_TIMEOUT_MS })),
    idempotencyKey: Type.String({ minLength: 1, maxLength: 200 }),
    sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.NodeInvokeParams },
);

export const NodeInvokeResultParams = compileParams(
  Type.Object({
    id: Id,
    nodeId: Id,
    ok: Type.Boolean(),
    payload: Type.Optional(Type.Unknown()),
    payloadJSON: Type.Optional(Type.String()),
    error: Type.Optional(
      Type.Object({
        code: Type.Optional(Type.String({ maxLength: 200 })),
        message: Type.Optional(Type.String({ maxLength: 20_000 })),
      }),
    ),
  }),
);

export const NodeEventParams = compileParams(
  Type.Object({
    event: Type.String({ minLength: 1, maxLength: 200 }),
    payload: Type.Optional(Type.Unknown()),
    payloadJSON: Type.Optional(Type.String()),
  }),
);

export const SkillsBinsParams = compileParams(Type.Object({}));

export const NodePairListParams = compileParams(Type.Object({}));
export const NodePairApproveParams = compileParams(Type.Object({ requestId: Id }));
export const NodePairRejectParams = compileParams(Type.Object({ requestId: Id }));

/** Legacy v3 (spec §10.3): removed in v4, kept as a thin wrapper over the connect-time path. */
export const NodePairRequestParams = compileParams(
  Type.Object({
    nodeId: Id,
    displayName: Type.Optional(Label),
    platform: Type.Optional(Label),
    version: Type.Optional(Label),
    coreVersion: Type.Optional(Label),
    uiVersion: Type.Optional(Label),
    deviceFamily: Type.Optional(Label),
    modelIdentifier: Type.Optional(Label),
    caps: Type.Optional(Names),
    commands: Type.Optional(Names),
    permissions: Type.Optional(Permissions),
    remoteIp: Type.Optional(Label),
    silent: Type.Optional(Type.Boolean()),
  }),
);

export const NodePairVerifyParams = compileParams(
  Type.Object({ nodeId: Id, token: Type.String({ minLength: 1, maxLength: 500 }) }),
);
