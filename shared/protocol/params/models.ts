import Type from 'typebox';
import { compileSchema } from '../validate.js';

// Spec methods.json `models.list`, `agents.list`.

export const ModelsListParams = compileSchema(
  Type.Object({
    agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    view: Type.Optional(Type.Union(['default', 'configured', 'provider-config', 'all'].map((view) => Type.Literal(view)))),
  }),
);

export const AgentsListParams = compileSchema(Type.Object({}));
