import Type, { type Static } from 'typebox';

// The `cron` event (spec §14 as corrected by openclaw-families.md §0.4): no `job`/`runId`;
// the later OpenClaw fields sessionKey and delivery status are added on `finished`.

const Ms = Type.Integer({ minimum: 0 });

export const CronEvent = Type.Object({
  jobId: Type.String({ minLength: 1 }),
  action: Type.Union([Type.Literal('added'), Type.Literal('updated'), Type.Literal('removed'), Type.Literal('started'), Type.Literal('finished')]),
  runAtMs: Type.Optional(Ms),
  durationMs: Type.Optional(Ms),
  status: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('skipped')])),
  error: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  nextRunAtMs: Type.Optional(Ms),
  sessionKey: Type.Optional(Type.String()),
  deliveryStatus: Type.Optional(Type.Union([Type.Literal('delivered'), Type.Literal('not-delivered'), Type.Literal('not-requested')])),
  deliveryError: Type.Optional(Type.String()),
});
export type CronEventPayload = Static<typeof CronEvent>;

export const CronEventPayloads = { cron: CronEvent } as const;
