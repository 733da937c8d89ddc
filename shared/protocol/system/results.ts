import Type, { type Static } from 'typebox';

// Results of the system family as this gateway serves it (methods.json `system-event`).
// Open objects: see health/results.ts.

/**
 * The `system-event` result (methods.json `system-event`: `{ok:true}`). Gatehouse adds `eventId`,
 * the id of the queued system event.
 */
export const SystemEventResultSchema = Type.Object({
  ok: Type.Literal(true),
  eventId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type SystemEventResult = Static<typeof SystemEventResultSchema>;

/** Result schema of each system method, by method name. */
export const SystemResults = {
  'system-event': SystemEventResultSchema,
} as const;
