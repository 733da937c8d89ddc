import Type, { type Static } from 'typebox';

// Results of update.run / update.status (openclaw-families.md §8). The gateway does not replace
// its own code: update.run answers `skipped` with the reason and the way to update this install.

/** How this gateway was installed: a git checkout, an npm (global) package, the packaged app. */
export const InstallModeSchema = Type.Union([Type.Literal('git'), Type.Literal('npm'), Type.Literal('app'), Type.Literal('unknown')]);
export type InstallMode = Static<typeof InstallModeSchema>;

export const UpdateRunResultSchema = Type.Object({
  ok: Type.Boolean(),
  result: Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('skipped')]),
    mode: InstallModeSchema,
    steps: Type.Array(Type.Object({ name: Type.String(), command: Type.String(), durationMs: Type.Integer({ minimum: 0 }) })),
    reason: Type.Optional(Type.String()),
    /** What to run instead, when there is a command for this install. */
    command: Type.Optional(Type.String()),
    root: Type.Optional(Type.String()),
  }),
  restart: Type.Null(),
});
export type UpdateRunResult = Static<typeof UpdateRunResultSchema>;

/** The protocol-4 shape: nothing is checked upstream, so `updateAvailable` is null. */
export const UpdateStatusResultSchema = Type.Object({
  sentinel: Type.Null(),
  updateAvailable: Type.Null(),
  schedule: Type.Object({
    channel: Type.String({ minLength: 1 }),
    autoEnabled: Type.Boolean(),
    install: Type.Object({ kind: Type.Union([Type.Literal('package'), Type.Literal('git'), Type.Literal('unknown')]) }),
  }),
});
export type UpdateStatusResult = Static<typeof UpdateStatusResultSchema>;

export const UpdateResults = {
  'update.run': UpdateRunResultSchema,
  'update.status': UpdateStatusResultSchema,
} as const;
