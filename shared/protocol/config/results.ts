import Type, { type Static } from 'typebox';

// Results of the config family (protocol.md §18, methods.json `config.*`, config.md §1.7).
// Open objects: see health/results.ts. The config itself and its JSON Schema are user data and
// stay untyped. Required is what methods.json names and this gateway always sends; the rest of
// config.md §1.7's fields are typed but optional, so an older gateway without them still parses.

/** A config object as the gateway shows it: redacted, `{}` when the file is invalid (config.md §1.7). */
export const ConfigObjectSchema = Type.Record(Type.String(), Type.Unknown());
export type ConfigObject = Static<typeof ConfigObjectSchema>;

/** One validation finding (config.md §1.2): a dot path (`''` for the whole file) and a message. */
export const ConfigIssueSchema = Type.Object({
  path: Type.String(),
  message: Type.String(),
  allowedValues: Type.Optional(Type.Array(Type.String())),
});
export type ConfigIssue = Static<typeof ConfigIssueSchema>;

/** A validation warning: a line of text from Gatehouse (config.md §1.2), an issue object from OpenClaw. */
export const ConfigWarningSchema = Type.Union([Type.String(), ConfigIssueSchema]);
export type ConfigWarning = Static<typeof ConfigWarningSchema>;

/** The config file's opaque revision token (config.md §1.7); null when there is no file. */
const Hash = Type.Union([Type.String({ minLength: 1 }), Type.Null()]);

/**
 * The `config.get` result (methods.json `config.get`, config.md §1.7 table), every secret
 * redacted. `raw` is null when the file is missing or invalid; echo `hash` as `baseHash`.
 */
export const ConfigGetResultSchema = Type.Object({
  path: Type.String({ minLength: 1 }),
  exists: Type.Boolean(),
  raw: Type.Union([Type.String(), Type.Null()]),
  config: ConfigObjectSchema,
  hash: Hash,
  valid: Type.Boolean(),
  issues: Type.Array(ConfigIssueSchema),
  warnings: Type.Array(ConfigWarningSchema),
  parsed: Type.Optional(Type.Unknown()),
  sourceConfig: Type.Optional(Type.Unknown()),
  resolved: Type.Optional(Type.Unknown()),
  runtimeConfig: Type.Optional(Type.Unknown()),
  legacyIssues: Type.Optional(Type.Array(ConfigIssueSchema)),
  configRevisionHash: Type.Optional(Hash),
  appliedConfigHash: Type.Optional(Hash),
  includedPaths: Type.Optional(Type.Array(Type.String())),
  includeProvenance: Type.Optional(Type.Array(Type.Unknown())),
  agentRosterIncludeOwned: Type.Optional(Type.Boolean()),
  bindingsIncludeOwned: Type.Optional(Type.Boolean()),
});
export type ConfigGetResult = Static<typeof ConfigGetResultSchema>;

/**
 * What a config write did about restarting (methods.json `config.apply` `restart:{...}`, which the
 * spec leaves open). Gatehouse sends `{scheduled: true, delayMs, reason}` or
 * `{scheduled: false, required}`; OpenClaw sends its restart record (`delayMs`, `reason`, `pid`, …).
 */
export const ConfigRestartSchema = Type.Object({
  scheduled: Type.Optional(Type.Boolean()),
  required: Type.Optional(Type.Boolean()),
  delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
  reason: Type.Optional(Type.String()),
});
export type ConfigRestart = Static<typeof ConfigRestartSchema>;

/** The restart sentinel OpenClaw writes for a restart it announces afterwards (methods.json `sentinel?`). */
export const ConfigRestartSentinelSchema = Type.Object({
  path: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  payload: Type.Optional(Type.Unknown()),
});
export type ConfigRestartSentinel = Static<typeof ConfigRestartSentinelSchema>;

const WriteFields = {
  ok: Type.Literal(true),
  path: Type.String({ minLength: 1 }),
  config: ConfigObjectSchema,
  hash: Type.Optional(Hash),
  changedPaths: Type.Optional(Type.Array(Type.String())),
  sentinel: Type.Optional(ConfigRestartSentinelSchema),
};

/** The `config.set` result (methods.json `config.set`): the file was replaced; no restart is made. */
export const ConfigSetResultSchema = Type.Object({
  ...WriteFields,
  restart: Type.Optional(ConfigRestartSchema),
});
export type ConfigSetResult = Static<typeof ConfigSetResultSchema>;

/** The `config.apply` result (methods.json `config.apply`): the file was replaced and a restart scheduled. */
export const ConfigApplyResultSchema = Type.Object({
  ...WriteFields,
  restart: ConfigRestartSchema,
});
export type ConfigApplyResult = Static<typeof ConfigApplyResultSchema>;

/** A `config.patch` that changed nothing (config.md §1.7): nothing written, no restart. */
export const ConfigPatchNoopResultSchema = Type.Object({
  ok: Type.Literal(true),
  noop: Type.Literal(true),
  path: Type.String({ minLength: 1 }),
  config: ConfigObjectSchema,
  changedPaths: Type.Array(Type.String(), { maxItems: 0 }),
});
export type ConfigPatchNoopResult = Static<typeof ConfigPatchNoopResultSchema>;

/** The `config.patch` result (methods.json `config.patch`: as `config.apply`), or the no-op answer. */
export const ConfigPatchResultSchema = Type.Union([ConfigApplyResultSchema, ConfigPatchNoopResultSchema]);
export type ConfigPatchResult = Static<typeof ConfigPatchResultSchema>;

/** A settings-UI hint for one config path (methods.json `config.schema` `uiHints`). */
export const ConfigUiHintSchema = Type.Object({
  label: Type.Optional(Type.String()),
  help: Type.Optional(Type.String()),
  sensitive: Type.Optional(Type.Boolean()),
  docsUrl: Type.Optional(Type.String()),
  tags: Type.Optional(Type.Array(Type.String())),
  group: Type.Optional(Type.String()),
  order: Type.Optional(Type.Integer()),
  advanced: Type.Optional(Type.Boolean()),
  placeholder: Type.Optional(Type.String()),
});
export type ConfigUiHint = Static<typeof ConfigUiHintSchema>;

/**
 * The `config.schema` result (methods.json `config.schema`): the config's JSON Schema, hints keyed
 * by path (`*` for a record key, `[]` for an array item), the schema's version and build time.
 */
export const ConfigSchemaResultSchema = Type.Object({
  schema: Type.Unknown(),
  uiHints: Type.Record(Type.String(), ConfigUiHintSchema),
  version: Type.String({ minLength: 1 }),
  generatedAt: Type.String({ minLength: 1 }),
});
export type ConfigSchemaResult = Static<typeof ConfigSchemaResultSchema>;

/** Result schema of each config method, by method name. */
export const ConfigResults = {
  'config.get': ConfigGetResultSchema,
  'config.set': ConfigSetResultSchema,
  'config.patch': ConfigPatchResultSchema,
  'config.apply': ConfigApplyResultSchema,
  'config.schema': ConfigSchemaResultSchema,
} as const;
