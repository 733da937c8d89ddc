import Type from 'typebox';
import { NonNegativeInteger, StringList, oneOf, section, secretInput, stringMap } from './primitives.js';

// Root `skills` (openclaw-families.md §6; OpenClaw's `skills` section). What is loaded from
// where, which bundled skills may be used, and per-skill settings under `entries.<skillKey>`.

const SkillEntrySchema = section(
  {
    enabled: Type.Optional(Type.Boolean()),
    apiKey: Type.Optional(secretInput('Key for the skill\'s primaryEnv variable.')),
    env: Type.Optional(stringMap(Type.String())),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Settings the skill itself reads; not used by the gateway.' })),
  },
  { description: 'Settings of one skill, by its skillKey.' },
);

export const SkillsSchema = section(
  {
    /** Only these bundled skills may be used (by name or skillKey); unset or empty = all. */
    allowBundled: Type.Optional(StringList),
    load: Type.Optional(
      section({
        extraDirs: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'More folders of skills, lowest precedence.' })),
        watch: Type.Optional(Type.Boolean()),
        watchDebounceMs: Type.Optional(NonNegativeInteger),
      }),
    ),
    install: Type.Optional(
      section({
        preferBrew: Type.Optional(Type.Boolean()),
        nodeManager: Type.Optional(oneOf(['npm', 'pnpm', 'yarn', 'bun'] as const)),
      }),
    ),
    entries: Type.Optional(stringMap(SkillEntrySchema)),
  },
  { ignored: ['limits'], description: 'Skills: SKILL.md folders the agent may use.' },
);
