import Type, { type Static } from 'typebox';
import { LastHeartbeatResultSchema } from '../health/results.js';

// Results of the heartbeat methods (spec §13.3). Open objects, as every result (see health/results.ts).

/** `set-heartbeats` → `{ok:true, enabled}`. */
export const SetHeartbeatsResultSchema = Type.Object({
  ok: Type.Literal(true),
  enabled: Type.Boolean(),
});
export type SetHeartbeatsResult = Static<typeof SetHeartbeatsResultSchema>;

/** `wake` → `{ok:true}`. */
export const WakeResultSchema = Type.Object({ ok: Type.Literal(true) });
export type WakeResult = Static<typeof WakeResultSchema>;

export { HeartbeatEventSchema, LastHeartbeatResultSchema, type HeartbeatEvent, type LastHeartbeatResult } from '../health/results.js';

/** Result schema of each heartbeat method, by method name. */
export const HeartbeatResults = {
  'last-heartbeat': LastHeartbeatResultSchema,
  'set-heartbeats': SetHeartbeatsResultSchema,
  wake: WakeResultSchema,
} as const;
