import Type, { type Static } from 'typebox';

// Results of the skills family (methods.json, openclaw-families.md §6). Open objects: see
// health/results.ts.

/**
 * The `skills.bins` result (methods.json `skills.bins`, node role): the executables a node may
 * auto-allow for skills — every bin the skills of every agent workspace name.
 */
export const SkillsBinsResultSchema = Type.Object({
  bins: Type.Array(Type.String({ minLength: 1 })),
});
export type SkillsBinsResult = Static<typeof SkillsBinsResultSchema>;

const Names = Type.Array(Type.String());

const SkillRequirementsSchema = Type.Object({
  bins: Names,
  anyBins: Names,
  env: Names,
  config: Names,
  os: Names,
});

/** One install option (the metadata's `install[]`), as a client may offer it. */
export const SkillInstallOptionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  label: Type.String(),
  bins: Names,
});

export const SkillStatusEntrySchema = Type.Object({
  name: Type.String(),
  description: Type.String(),
  /** `openclaw-extra`, `openclaw-bundled`, `openclaw-managed` or `openclaw-workspace` (OpenClaw's names). */
  source: Type.String(),
  bundled: Type.Boolean(),
  filePath: Type.String(),
  baseDir: Type.String(),
  skillKey: Type.String(),
  primaryEnv: Type.Optional(Type.String()),
  emoji: Type.Optional(Type.String()),
  homepage: Type.Optional(Type.String()),
  always: Type.Boolean(),
  disabled: Type.Boolean(),
  blockedByAllowlist: Type.Boolean(),
  eligible: Type.Boolean(),
  requirements: SkillRequirementsSchema,
  missing: SkillRequirementsSchema,
  /** Each required config path and whether it is set (never its value). */
  configChecks: Type.Array(Type.Object({ path: Type.String(), satisfied: Type.Boolean() })),
  /** The preferred install option for the missing bins, when the skill names one for this OS. */
  install: Type.Array(SkillInstallOptionSchema),
});
export type SkillStatusEntry = Static<typeof SkillStatusEntrySchema>;

export const SkillsStatusResultSchema = Type.Object({
  workspaceDir: Type.String(),
  managedSkillsDir: Type.String(),
  skills: Type.Array(SkillStatusEntrySchema),
  /** Skill files that could not be loaded, and why (they are skipped, the rest still load). */
  problems: Type.Optional(Type.Array(Type.Object({ filePath: Type.String(), message: Type.String() }))),
});
export type SkillsStatusResult = Static<typeof SkillsStatusResultSchema>;

export const SkillsInstallResultSchema = Type.Object({
  ok: Type.Boolean(),
  message: Type.String(),
  stdout: Type.Optional(Type.String()),
  stderr: Type.Optional(Type.String()),
  code: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
export type SkillsInstallResult = Static<typeof SkillsInstallResultSchema>;

export const SkillsUpdateResultSchema = Type.Object({
  ok: Type.Literal(true),
  skillKey: Type.String(),
  /** `skills.entries.<skillKey>` as written, secrets redacted. */
  config: Type.Record(Type.String(), Type.Unknown()),
});
export type SkillsUpdateResult = Static<typeof SkillsUpdateResultSchema>;

/** Result schema of each skills method, by method name. */
export const SkillsResults = {
  'skills.status': SkillsStatusResultSchema,
  'skills.bins': SkillsBinsResultSchema,
  'skills.install': SkillsInstallResultSchema,
  'skills.update': SkillsUpdateResultSchema,
} as const;
