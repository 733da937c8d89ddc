import Type, { type Static } from 'typebox';
import { StateVersionSchema } from './frames.js';
import { compileSchema } from './validate.js';

const NonEmpty = Type.String({ minLength: 1 });

// Spec §4.3. Unknown fields are tolerated: both protocol generations must connect.
export const ConnectClientSchema = Type.Object({
  id: NonEmpty,
  displayName: Type.Optional(Type.String()),
  version: NonEmpty,
  platform: NonEmpty,
  mode: NonEmpty,
  instanceId: Type.Optional(Type.String()),
  deviceFamily: Type.Optional(Type.String()),
  modelIdentifier: Type.Optional(Type.String()),
  buildId: Type.Optional(Type.String({ maxLength: 96 })),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
});

export const ConnectAuthSchema = Type.Object({
  token: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  deviceToken: Type.Optional(Type.String()),
  bootstrapToken: Type.Optional(Type.String()),
});

export const ConnectDeviceSchema = Type.Object({
  id: NonEmpty,
  publicKey: NonEmpty,
  signature: NonEmpty,
  signedAt: Type.Integer({ minimum: 0 }),
  nonce: Type.Optional(Type.String()),
});

export const ConnectParamsSchema = Type.Object({
  minProtocol: Type.Integer({ minimum: 1 }),
  maxProtocol: Type.Integer({ minimum: 1 }),
  client: ConnectClientSchema,
  // Any string is accepted here so that a bad role gets its own error (spec §4.4 step 4).
  role: Type.Optional(Type.String()),
  scopes: Type.Optional(Type.Array(Type.String())),
  caps: Type.Optional(Type.Array(Type.String())),
  commands: Type.Optional(Type.Array(Type.String())),
  permissions: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
  pathEnv: Type.Optional(Type.String()),
  auth: Type.Optional(ConnectAuthSchema),
  locale: Type.Optional(Type.String()),
  userAgent: Type.Optional(Type.String()),
  device: Type.Optional(ConnectDeviceSchema),
});

export type ConnectParams = Static<typeof ConnectParamsSchema>;
export type ConnectClient = Static<typeof ConnectClientSchema>;
export type ConnectDevice = Static<typeof ConnectDeviceSchema>;

export const connectParamsValidator = compileSchema(ConnectParamsSchema);

export const PresenceEntrySchema = Type.Object({
  ts: Type.Integer({ minimum: 0 }),
  host: Type.Optional(NonEmpty),
  clientId: Type.Optional(NonEmpty),
  ip: Type.Optional(NonEmpty),
  version: Type.Optional(NonEmpty),
  platform: Type.Optional(NonEmpty),
  deviceFamily: Type.Optional(NonEmpty),
  modelIdentifier: Type.Optional(NonEmpty),
  timeZone: Type.Optional(NonEmpty),
  mode: Type.Optional(NonEmpty),
  lastInputSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
  reason: Type.Optional(NonEmpty),
  tags: Type.Optional(Type.Array(NonEmpty)),
  text: Type.Optional(Type.String()),
  deviceId: Type.Optional(NonEmpty),
  roles: Type.Optional(Type.Array(NonEmpty)),
  scopes: Type.Optional(Type.Array(NonEmpty)),
  instanceId: Type.Optional(NonEmpty),
});
export type PresenceEntry = Static<typeof PresenceEntrySchema>;

export const HelloOkPolicySchema = Type.Object({
  maxPayload: Type.Integer({ minimum: 1 }),
  maxBufferedBytes: Type.Integer({ minimum: 1 }),
  tickIntervalMs: Type.Integer({ minimum: 1 }),
});

export const HelloOkSchema = Type.Object({
  type: Type.Literal('hello-ok'),
  protocol: Type.Integer({ minimum: 1 }),
  server: Type.Object({
    version: NonEmpty,
    connId: NonEmpty,
    commit: Type.Optional(Type.String()),
    host: Type.Optional(Type.String()),
    buildId: Type.Optional(Type.String({ maxLength: 96 })),
    bootId: Type.Optional(Type.String({ maxLength: 96 })),
  }),
  features: Type.Object({
    methods: Type.Array(NonEmpty),
    events: Type.Array(NonEmpty),
    capabilities: Type.Optional(Type.Array(NonEmpty)),
  }),
  snapshot: Type.Object({
    presence: Type.Array(PresenceEntrySchema),
    health: Type.Record(Type.String(), Type.Unknown()),
    stateVersion: StateVersionSchema,
    uptimeMs: Type.Integer({ minimum: 0 }),
    configPath: Type.Optional(Type.String()),
    stateDir: Type.Optional(Type.String()),
    sessionDefaults: Type.Optional(
      Type.Object({
        defaultAgentId: Type.String(),
        mainKey: Type.String(),
        mainSessionKey: Type.String(),
        scope: Type.Optional(Type.String()),
      }),
    ),
    authMode: Type.Optional(Type.String()),
  }),
  auth: Type.Object({
    role: NonEmpty,
    scopes: Type.Array(Type.String()),
    deviceToken: Type.Optional(Type.String()),
    issuedAtMs: Type.Optional(Type.Integer({ minimum: 0 })),
    method: Type.Optional(Type.String()),
  }),
  policy: HelloOkPolicySchema,
});
export type HelloOk = Static<typeof HelloOkSchema>;
