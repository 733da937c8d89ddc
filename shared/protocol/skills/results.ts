import Type, { type Static } from 'typebox';

// Results of the skills family (methods.json `skills.bins`). Open object: see health/results.ts.

/**
 * The `skills.bins` result (methods.json `skills.bins`, node role): the executables a node may
 * auto-allow for skills. Gatehouse has no skills yet and sends `{bins: []}`.
 */
export const SkillsBinsResultSchema = Type.Object({
  bins: Type.Array(Type.String({ minLength: 1 })),
});
export type SkillsBinsResult = Static<typeof SkillsBinsResultSchema>;

/** Result schema of each skills method, by method name. */
export const SkillsResults = {
  'skills.bins': SkillsBinsResultSchema,
} as const;
