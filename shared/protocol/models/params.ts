import Type from 'typebox';
import { compileParams } from '../validate.js';
import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';

// Spec methods.json `models.list`, `agents.list`.

export const ModelsListParams = compileParams(
  Type.Object({
    agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    view: Type.Optional(Type.Union(['default', 'configured', 'provider-config', 'all'].map((view) => Type.Literal(view)))),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.ModelsListParams },
);

export const AgentsListParams = compileParams(Type.Object({}));
