import Type, { type Static } from 'typebox';
import { HealthSnapshotSchema, PresenceEntrySchema } from './results.js';

// Payloads of the liveness and presence events (spec §13, §14). Open objects, like the results.

/** `tick` (spec §13.1): broadcast every tickIntervalMs; `ts` is the server's epoch ms. */
export const TickEventSchema = Type.Object({
  ts: Type.Integer({ minimum: 0 }),
});
export type TickEvent = Static<typeof TickEventSchema>;

/**
 * `shutdown` (spec §14, §6): sent before every socket is closed with 1012. `restartExpectedMs`
 * is present when the gateway restarts in place rather than stopping.
 */
export const ShutdownEventSchema = Type.Object({
  reason: Type.String({ minLength: 1 }),
  restartExpectedMs: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ShutdownEvent = Static<typeof ShutdownEventSchema>;

/** `health` (spec §13.2): the refreshed HealthSnapshot; the frame carries `stateVersion`. */
export const HealthEventSchema = HealthSnapshotSchema;
export type HealthEvent = Static<typeof HealthEventSchema>;

/** `presence` (spec §13.4): the whole presence table after a change; the frame carries `stateVersion`. */
export const PresenceEventSchema = Type.Object({
  presence: Type.Array(PresenceEntrySchema),
});
export type PresenceEvent = Static<typeof PresenceEventSchema>;

/** Payload schema of each event of this family, by event name. */
export const HealthEventPayloads = {
  tick: TickEventSchema,
  shutdown: ShutdownEventSchema,
  health: HealthEventSchema,
  presence: PresenceEventSchema,
} as const;
