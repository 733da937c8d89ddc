import Type, { type Static } from 'typebox';

// Result of the logs family (methods.json `logs.tail`). Open object: see health/results.ts.

/**
 * The `logs.tail` result (methods.json `logs.tail`): complete log lines, oldest first, and the
 * byte `cursor` to pass next time. `truncated` and `reset` appear only when true; `skippedBytes`
 * is the reference's (OpenClaw) and not sent by Gatehouse.
 */
export const LogsTailResultSchema = Type.Object({
  file: Type.String({ minLength: 1 }),
  cursor: Type.Integer({ minimum: 0 }),
  size: Type.Integer({ minimum: 0 }),
  lines: Type.Array(Type.String()),
  truncated: Type.Optional(Type.Boolean()),
  reset: Type.Optional(Type.Boolean()),
  skippedBytes: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type LogsTailResult = Static<typeof LogsTailResultSchema>;

/** Result schema of each logs method, by method name. */
export const LogsResults = {
  'logs.tail': LogsTailResultSchema,
} as const;
