import Type from 'typebox';
import { compileParams } from '../validate.js';

const Text = Type.String({ minLength: 1, maxLength: 200 });

export const SystemEventParams = compileParams(
  Type.Object({
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    deviceId: Type.Optional(Text),
    instanceId: Type.Optional(Text),
    host: Type.Optional(Text),
    ip: Type.Optional(Text),
    mode: Type.Optional(Text),
    version: Type.Optional(Text),
    platform: Type.Optional(Text),
    deviceFamily: Type.Optional(Text),
    modelIdentifier: Type.Optional(Text),
    lastInputSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    reason: Type.Optional(Text),
    roles: Type.Optional(Type.Array(Text, { maxItems: 16 })),
    scopes: Type.Optional(Type.Array(Text, { maxItems: 32 })),
    tags: Type.Optional(Type.Array(Text, { maxItems: 32 })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    wake: Type.Optional(Type.Boolean()),
  }),
);
