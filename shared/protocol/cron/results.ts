import Type, { type Static } from 'typebox';

// Results of the cron.* family as this gateway serves them (methods.json, openclaw-families.md
// §1). Open objects: the companion parses other gateways' answers with these too.

const Ms = Type.Integer({ minimum: 0 });
const RunStatus = Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('skipped'), Type.Literal('missed')]);

/** Both one-shot spellings are emitted: `atMs` (protocol 3) and `at` (protocol 4, ISO). */
export const CronScheduleSchema = Type.Union([
  Type.Object({ kind: Type.Literal('at'), atMs: Ms, at: Type.String() }),
  Type.Object({ kind: Type.Literal('every'), everyMs: Type.Integer({ minimum: 1 }), anchorMs: Type.Optional(Ms) }),
  Type.Object({ kind: Type.Literal('cron'), expr: Type.String(), tz: Type.Optional(Type.String()), staggerMs: Type.Optional(Ms) }),
]);

export const CronPayloadSchema = Type.Union([
  Type.Object({ kind: Type.Literal('systemEvent'), text: Type.String() }),
  Type.Object({
    kind: Type.Literal('agentTurn'),
    message: Type.String(),
    model: Type.Optional(Type.String()),
    thinking: Type.Optional(Type.String()),
    timeoutSeconds: Type.Optional(Type.Number()),
    deliver: Type.Optional(Type.Boolean()),
    channel: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    bestEffortDeliver: Type.Optional(Type.Boolean()),
  }),
]);

export const CronDeliverySchema = Type.Object({
  mode: Type.Union([Type.Literal('none'), Type.Literal('announce'), Type.Literal('webhook')]),
  channel: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  accountId: Type.Optional(Type.String()),
  threadId: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  bestEffort: Type.Optional(Type.Boolean()),
});

export const CronJobStateSchema = Type.Object({
  nextRunAtMs: Type.Optional(Ms),
  runningAtMs: Type.Optional(Ms),
  lastRunAtMs: Type.Optional(Ms),
  lastStatus: Type.Optional(RunStatus),
  lastRunStatus: Type.Optional(RunStatus),
  lastError: Type.Optional(Type.String()),
  lastDurationMs: Type.Optional(Ms),
  consecutiveErrors: Type.Optional(Ms),
  /** Runs skipped in a row (protocol 4); a skip neither counts as a failure nor ends a failure streak. */
  consecutiveSkipped: Type.Optional(Ms),
  autoDisabled: Type.Optional(Type.Object({ reason: Type.String(), atMs: Ms, consecutiveErrors: Ms })),
  lastFailureAlertAtMs: Type.Optional(Ms),
});

/** A job's own failure alerts: `false` is off, an object overrides `cron.failureAlert` key by key. */
export const CronFailureAlertSchema = Type.Union([
  Type.Literal(false),
  Type.Object({
    after: Type.Optional(Type.Integer({ minimum: 1 })),
    cooldownMs: Type.Optional(Ms),
    mode: Type.Optional(Type.Union([Type.Literal('announce'), Type.Literal('webhook')])),
    channel: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    accountId: Type.Optional(Type.String()),
    includeSkipped: Type.Optional(Type.Boolean()),
  }),
]);

export const CronJobSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  enabled: Type.Boolean(),
  agentId: Type.Optional(Type.String()),
  deleteAfterRun: Type.Optional(Type.Boolean()),
  createdAtMs: Ms,
  updatedAtMs: Ms,
  schedule: CronScheduleSchema,
  sessionTarget: Type.Union([Type.Literal('main'), Type.Literal('isolated')]),
  wakeMode: Type.Union([Type.Literal('now'), Type.Literal('next-heartbeat')]),
  payload: CronPayloadSchema,
  delivery: Type.Optional(CronDeliverySchema),
  isolation: Type.Optional(
    Type.Object({
      postToMainPrefix: Type.Optional(Type.String()),
      postToMainMode: Type.Optional(Type.Union([Type.Literal('summary'), Type.Literal('full')])),
      postToMainMaxChars: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
  ),
  failureAlert: Type.Optional(CronFailureAlertSchema),
  state: CronJobStateSchema,
});
export type CronJobView = Static<typeof CronJobSchema>;

/**
 * One run of a job (`cron.runs`). `missed` marks a slot that fell while the gateway was down;
 * `skipped` one the scheduler did not start, with the reason in `error` (as OpenClaw records it).
 */
export const CronRunLogEntrySchema = Type.Object({
  ts: Ms,
  jobId: Type.String({ minLength: 1 }),
  action: Type.Literal('finished'),
  runId: Type.Optional(Type.String()),
  status: Type.Optional(RunStatus),
  error: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  runAtMs: Type.Optional(Ms),
  durationMs: Type.Optional(Ms),
  nextRunAtMs: Type.Optional(Ms),
  sessionKey: Type.Optional(Type.String()),
  deliveryStatus: Type.Optional(Type.Union([Type.Literal('delivered'), Type.Literal('not-delivered'), Type.Literal('not-requested')])),
  deliveryError: Type.Optional(Type.String()),
});
export type CronRunLogEntry = Static<typeof CronRunLogEntrySchema>;

export const CronStatusResultSchema = Type.Object({
  enabled: Type.Boolean(),
  storePath: Type.String(),
  jobs: Ms,
  nextWakeAtMs: Type.Union([Ms, Type.Null()]),
});
export type CronStatusResult = Static<typeof CronStatusResultSchema>;

/** Result schema of each cron method, by method name. */
export const CronResults = {
  'cron.list': Type.Object({ jobs: Type.Array(CronJobSchema) }),
  'cron.status': CronStatusResultSchema,
  'cron.add': CronJobSchema,
  'cron.update': CronJobSchema,
  'cron.remove': Type.Object({ ok: Type.Literal(true), removed: Type.Boolean() }),
  'cron.run': Type.Object({ ok: Type.Literal(true), ran: Type.Boolean(), reason: Type.Optional(Type.String()), runId: Type.Optional(Type.String()) }),
  'cron.runs': Type.Object({ entries: Type.Array(CronRunLogEntrySchema) }),
} as const;
