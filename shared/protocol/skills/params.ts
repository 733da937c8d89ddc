import Type from 'typebox';
import { compileParams } from '../validate.js';

// Params of the skills family (methods.json; openclaw-families.md §6). Closed: a key neither
// protocol defines is refused. `skills.bins` (node role) is in nodes/params.ts.

/** A skill's key or name: what `skills.entries.<key>` and `skills.install` address. No paths. */
export const SKILL_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';
const SkillKey = Type.String({ minLength: 1, maxLength: 128, pattern: SKILL_KEY_PATTERN });
const AgentId = Type.String({ minLength: 1, maxLength: 200 });
/** An environment variable name, as POSIX shells spell them. */
export const ENV_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,127}$';

export const SkillsStatusParams = compileParams(
  Type.Object({
    agentId: Type.Optional(AgentId),
    sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  }),
);

export const SkillsInstallParams = compileParams(
  Type.Object({
    name: SkillKey,
    installId: Type.String({ minLength: 1, maxLength: 128, pattern: SKILL_KEY_PATTERN }),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 1_800_000 })),
    agentId: Type.Optional(AgentId),
  }),
);

export const SkillsUpdateParams = compileParams(
  Type.Object({
    skillKey: SkillKey,
    enabled: Type.Optional(Type.Boolean()),
    /** Empty removes it. */
    apiKey: Type.Optional(Type.String({ maxLength: 4_096 })),
    /** A value that is empty removes that variable. */
    env: Type.Optional(
      Type.Record(Type.String({ pattern: ENV_NAME_PATTERN }), Type.String({ maxLength: 4_096 }), { maxProperties: 64, additionalProperties: false }),
    ),
  }),
);
