import Type, { type Static } from 'typebox';

// Results of update.run / update.status (openclaw-families.md §8; step and sentinel shapes as
// OpenClaw's update runner writes them). A gateway installed from npm updates itself: it asks the
// registry, installs the newer version into the same prefix, writes a restart record (the
// "sentinel") and replaces its process. Every other install answers `skipped` with the reason.

/** How this gateway was installed: a git checkout, an npm package, the packaged app. */
export const InstallModeSchema = Type.Union([Type.Literal('git'), Type.Literal('npm'), Type.Literal('app'), Type.Literal('unknown')]);
export type InstallMode = Static<typeof InstallModeSchema>;

/** One command the update ran, with the end of its output. */
export const UpdateStepSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  /** The command line, for a person to read or re-run (never run through a shell). */
  command: Type.String(),
  cwd: Type.Optional(Type.String()),
  durationMs: Type.Integer({ minimum: 0 }),
  /** Null when it did not exit by itself (could not start, killed at the deadline). */
  exitCode: Type.Union([Type.Integer(), Type.Null()]),
  termination: Type.Optional(Type.Union([Type.Literal('exit'), Type.Literal('timeout'), Type.Literal('signal'), Type.Literal('spawn-error')])),
  stdoutTail: Type.Optional(Type.String()),
  stderrTail: Type.Optional(Type.String()),
});
export type UpdateStep = Static<typeof UpdateStepSchema>;

const VersionRef = Type.Object({ version: Type.Union([Type.String(), Type.Null()]) });

export const UpdateOutcomeSchema = Type.Object({
  /** ok: a newer version was installed; skipped: nothing to do here (up to date, or not an npm install); error: see reason. */
  status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('skipped')]),
  mode: InstallModeSchema,
  steps: Type.Array(UpdateStepSchema),
  reason: Type.Optional(Type.String()),
  /** What to run instead, when the gateway does not update this install itself. */
  command: Type.Optional(Type.String()),
  root: Type.Optional(Type.String()),
  before: Type.Optional(VersionRef),
  after: Type.Optional(VersionRef),
  durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type UpdateOutcome = Static<typeof UpdateOutcomeSchema>;

/** The restart record: written before the process is replaced, read (and removed) by the next one. */
export const RestartSentinelSchema = Type.Object({
  kind: Type.Literal('update'),
  status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('skipped')]),
  ts: Type.Integer({ minimum: 0 }),
  sessionKey: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  stats: Type.Object({
    mode: InstallModeSchema,
    root: Type.Optional(Type.String()),
    before: Type.Optional(VersionRef),
    after: Type.Optional(VersionRef),
    steps: Type.Array(UpdateStepSchema),
    reason: Type.Optional(Type.String()),
    durationMs: Type.Integer({ minimum: 0 }),
    /** Filled by the process that read the record: the version that actually came up. */
    runningVersion: Type.Optional(Type.String()),
  }),
});
export type RestartSentinel = Static<typeof RestartSentinelSchema>;

export const UpdateRunResultSchema = Type.Object({
  ok: Type.Boolean(),
  result: UpdateOutcomeSchema,
  /** Set when the gateway will replace its process: after `delayMs`, by `mode`. */
  restart: Type.Union([
    Type.Object({ delayMs: Type.Integer({ minimum: 0 }), mode: Type.Union([Type.Literal('exec'), Type.Literal('spawn')]), reason: Type.String() }),
    Type.Null(),
  ]),
  sentinel: Type.Optional(Type.Object({ path: Type.String(), payload: RestartSentinelSchema })),
});
export type UpdateRunResult = Static<typeof UpdateRunResultSchema>;

/** A newer version on the registry, from the last (cached) check. */
export const UpdateAvailableSchema = Type.Object({
  currentVersion: Type.String({ minLength: 1 }),
  latestVersion: Type.String({ minLength: 1 }),
  channel: Type.String({ minLength: 1 }),
});
export type UpdateAvailable = Static<typeof UpdateAvailableSchema>;

/** The protocol-4 shape (UpdateStatusResult in @openclaw/gateway-protocol). */
export const UpdateStatusResultSchema = Type.Object({
  /** The restart record the previous process left, as this process read it at start; null when there was none. */
  sentinel: Type.Union([RestartSentinelSchema, Type.Null()]),
  updateAvailable: Type.Union([UpdateAvailableSchema, Type.Null()]),
  schedule: Type.Object({
    channel: Type.String({ minLength: 1 }),
    autoEnabled: Type.Boolean(),
    install: Type.Object({ kind: Type.Union([Type.Literal('package'), Type.Literal('git'), Type.Literal('unknown')]) }),
    target: Type.Optional(Type.Object({ kind: Type.Literal('package'), version: Type.String({ minLength: 1 }) })),
  }),
});
export type UpdateStatusResult = Static<typeof UpdateStatusResultSchema>;

export const UpdateResults = {
  'update.run': UpdateRunResultSchema,
  'update.status': UpdateStatusResultSchema,
} as const;
