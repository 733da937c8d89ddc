import { PROTOCOL4_IGNORED_KEYS } from '../protocol4-ignored-keys.js';
import Type, { type TProperties } from 'typebox';
import { compileParams } from '../validate.js';

// Params of the cron.* family (methods.json, config.md §6.2, openclaw-families.md §1). Closed
// like every params schema, but loose in the value types where OpenClaw clients send legacy
// spellings ("true" strings, `atMs` as ISO, an inferred schedule kind, `{data|job}` wrappers):
// gateway/features/cron/cron-job-input.ts turns those into one job shape and names the field
// of any value it refuses.

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Short = Type.String({ maxLength: 200 });
const Flag = Type.Union([Type.Boolean(), Type.Literal('true'), Type.Literal('false')]);
const Ms = Type.Union([Type.Number(), Type.String({ maxLength: 100 })]);
const Opaque = Type.Optional(Type.Unknown());

const Schedule = Type.Object({
  kind: Type.Optional(Short),
  at: Type.Optional(Ms),
  atMs: Type.Optional(Ms),
  everyMs: Type.Optional(Type.Number()),
  anchorMs: Type.Optional(Type.Number()),
  expr: Type.Optional(Short),
  /** Legacy spelling of `expr`. */
  cron: Type.Optional(Short),
  tz: Type.Optional(Short),
  staggerMs: Type.Optional(Type.Number()),
  // Protocol-4 schedule kinds Gatehouse refuses with a clear message (on-exit, stream).
  command: Opaque,
  cwd: Opaque,
  mode: Opaque,
  match: Opaque,
  batchMs: Opaque,
  maxBatchBytes: Opaque,
});

const Payload = Type.Object({
  kind: Type.Optional(Short),
  text: Type.Optional(Type.String({ maxLength: 50_000 })),
  message: Type.Optional(Type.String({ maxLength: 50_000 })),
  model: Type.Optional(Short),
  thinking: Type.Optional(Short),
  timeoutSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 172_800 })),
  // Protocol-3 delivery fields (mapped to and from the protocol-4 `delivery` object).
  deliver: Type.Optional(Flag),
  channel: Type.Optional(Short),
  to: Type.Optional(Type.String({ maxLength: 2_000 })),
  bestEffortDeliver: Type.Optional(Flag),
  /** Legacy spelling of `channel`. */
  provider: Type.Optional(Short),
  // Protocol-4 keys accepted and not used.
  fallbacks: Opaque,
  lightContext: Opaque,
  toolsAllow: Opaque,
  toolsAllowIsDefault: Opaque,
  allowUnsafeExternalContent: Opaque,
  // Payload kinds Gatehouse refuses with a clear message (command, script).
  argv: Opaque,
  cwd: Opaque,
  env: Opaque,
  input: Opaque,
  noOutputTimeoutSeconds: Opaque,
  outputMaxBytes: Opaque,
  script: Opaque,
  toolBudget: Opaque,
});

const Delivery = Type.Object({
  mode: Short,
  channel: Type.Optional(Short),
  to: Type.Optional(Type.String({ maxLength: 2_000 })),
  accountId: Type.Optional(Short),
  threadId: Type.Optional(Type.Union([Short, Type.Number()])),
  bestEffort: Type.Optional(Flag),
  failureDestination: Opaque,
});

const Isolation = Type.Object({
  postToMainPrefix: Type.Optional(Type.String({ maxLength: 500 })),
  postToMainMode: Type.Optional(Type.Union([Type.Literal('summary'), Type.Literal('full')])),
  postToMainMaxChars: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});

/** `false` turns a job's alerts off; `null` drops its override; an object overrides `cron.failureAlert`. */
const FailureAlert = Type.Union([
  Type.Literal(false),
  Type.Null(),
  Type.Object({
    after: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
    cooldownMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 86_400_000 })),
    mode: Type.Optional(Short),
    channel: Type.Optional(Short),
    to: Type.Optional(Type.String({ maxLength: 2_000 })),
    accountId: Type.Optional(Short),
    /** Skipped runs count towards the alert too (protocol 4; `null` in a patch drops it). */
    includeSkipped: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    // Protocol-4 key accepted and not used.
    enabled: Opaque,
  }),
]);

/** The fields of a job as a client writes them (every one optional: a patch sends some). */
const jobFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 2_000 })),
  enabled: Type.Optional(Flag),
  deleteAfterRun: Type.Optional(Flag),
  /** null clears it (the default agent). */
  agentId: Type.Optional(Type.Union([Id, Type.Null()])),
  schedule: Type.Optional(Schedule),
  sessionTarget: Type.Optional(Short),
  wakeMode: Type.Optional(Short),
  payload: Type.Optional(Payload),
  delivery: Type.Optional(Delivery),
  isolation: Type.Optional(Isolation),
  failureAlert: Type.Optional(FailureAlert),
  // Protocol-4 job keys accepted and not used.
  sessionKey: Opaque,
  declarationKey: Opaque,
  displayName: Opaque,
  owner: Opaque,
  pacing: Opaque,
  trigger: Opaque,
} satisfies TProperties;

const JobBody = Type.Object(jobFields);

export const CronListParams = compileParams(
  Type.Object({
    includeDisabled: Type.Optional(Type.Boolean()),
    agentId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    query: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('enabled'), Type.Literal('disabled')])),
    scheduleKind: Type.Optional(Type.Union(['all', 'at', 'every', 'cron', 'on-exit', 'stream'].map((kind) => Type.Literal(kind)))),
    lastRunStatus: Type.Optional(Type.Union(['all', 'ok', 'error', 'skipped', 'unknown'].map((status) => Type.Literal(status)))),
    sortBy: Type.Optional(Type.Union([Type.Literal('nextRunAtMs'), Type.Literal('updatedAtMs'), Type.Literal('name')])),
    sortDir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.CronListParams },
);

export const CronStatusParams = compileParams(Type.Object({}));

/** `cron.add`: the job, or the job inside a legacy `{data}` / `{job}` wrapper. */
export const CronAddParams = compileParams(
  Type.Object({ ...jobFields, data: Type.Optional(JobBody), job: Type.Optional(JobBody) }),
);

export const CronUpdateParams = compileParams(
  Type.Object({
    id: Type.Optional(Id),
    jobId: Type.Optional(Id),
    patch: Type.Object({ ...jobFields, data: Type.Optional(JobBody), job: Type.Optional(JobBody), state: Opaque }),
  }),
);

export const CronRemoveParams = compileParams(Type.Object({ id: Type.Optional(Id), jobId: Type.Optional(Id) }));

export const CronRunParams = compileParams(
  Type.Object({
    id: Type.Optional(Id),
    jobId: Type.Optional(Id),
    mode: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('force'), Type.Literal('if-enabled')])),
  }),
  { ignoredKeys: ['expectedProcessInstanceId'] },
);

/** Protocol 3 allows up to 5000 entries, protocol 4 up to 200; both fit. */
export const CronRunsParams = compileParams(
  Type.Object({
    id: Type.Optional(Id),
    jobId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5_000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    runId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    status: Type.Optional(Type.Union(['all', 'ok', 'error', 'skipped', 'missed'].map((status) => Type.Literal(status)))),
    statuses: Type.Optional(Type.Array(Type.Union(['ok', 'error', 'skipped', 'missed'].map((status) => Type.Literal(status))), { minItems: 1, maxItems: 4 })),
    deliveryStatus: Type.Optional(Type.Union(['delivered', 'not-delivered', 'unknown', 'not-requested'].map((status) => Type.Literal(status)))),
    deliveryStatuses: Type.Optional(
      Type.Array(Type.Union(['delivered', 'not-delivered', 'unknown', 'not-requested'].map((status) => Type.Literal(status))), { minItems: 1, maxItems: 4 }),
    ),
    query: Type.Optional(Type.String({ maxLength: 500 })),
    sortDir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    /**
     * Gatehouse: runs the scheduler did not start (`skipped`, with the reason in `error`) are left
     * out unless this is true or `status`/`statuses` asks for them.
     */
    includeSkipped: Type.Optional(Type.Boolean()),
  }),
  { ignoredKeys: PROTOCOL4_IGNORED_KEYS.CronRunsParams },
);
