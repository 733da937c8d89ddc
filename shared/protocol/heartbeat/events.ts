import { HeartbeatEventSchema } from '../health/results.js';

/**
 * `heartbeat` (spec §13.3, research note §2): one per heartbeat outcome — `{ts, status, reason?,
 * preview?, durationMs?, silent?, indicatorType?}`; `last-heartbeat` answers the newest.
 */
export const HeartbeatEventPayloads = {
  heartbeat: HeartbeatEventSchema,
} as const;
