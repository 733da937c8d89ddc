import Type, { type Static } from 'typebox';
import { PresenceEntrySchema } from '../connect.js';

// Results of the health-status family (spec §13, methods.json `health`, `status`,
// `system-presence`, `last-heartbeat`). Objects are open: the tray companion parses answers from
// other gateways (real OpenClaw) with these same schemas, and those add fields. A field is
// required where the spec names it and this gateway always sends it; fields only Gatehouse sends
// are typed but optional, so a spec-conforming gateway without them still parses.

const Count = Type.Integer({ minimum: 0 });
const EpochMs = Type.Integer({ minimum: 0 });
const NonEmpty = Type.String({ minLength: 1 });

/**
 * One entry of the presence table (spec §13.4). The single definition lives in connect.ts, where
 * hello-ok's snapshot also uses it; it is re-exported here because `system-presence` and the
 * `presence` event are this family's.
 */
export { PresenceEntrySchema, type PresenceEntry } from '../connect.js';

/** An agent's heartbeat settings inside a health snapshot (spec §13.2 `agents[].heartbeat`). */
export const AgentHeartbeatSettingsSchema = Type.Object({
  enabled: Type.Boolean(),
  every: Type.String(),
  everyMs: Type.Union([Count, Type.Null()]),
  prompt: Type.String(),
  target: Type.String(),
  model: Type.Optional(Type.String()),
  session: Type.Optional(Type.String()),
  ackMaxChars: Count,
});
export type AgentHeartbeatSettings = Static<typeof AgentHeartbeatSettingsSchema>;

/** A session store summary (spec §13.2 `sessions`, `agents[].sessions`): newest sessions first. */
export const SessionsHealthSchema = Type.Object({
  path: Type.String(),
  count: Count,
  recent: Type.Array(
    Type.Object({
      key: Type.String(),
      updatedAt: Type.Union([EpochMs, Type.Null()]),
      age: Type.Union([Count, Type.Null()]),
    }),
  ),
});
export type SessionsHealth = Static<typeof SessionsHealthSchema>;

/** One agent in a health snapshot (spec §13.2 `agents[]`). */
export const AgentHealthSchema = Type.Object({
  agentId: Type.String(),
  name: Type.Optional(Type.String()),
  isDefault: Type.Boolean(),
  heartbeat: AgentHeartbeatSettingsSchema,
  sessions: SessionsHealthSchema,
});
export type AgentHealth = Static<typeof AgentHealthSchema>;

/**
 * One channel account's health (spec §13.2 `channels`, a map the spec leaves untyped; these are
 * the keys OpenClaw's channel probes fill). Gatehouse has no channels yet and sends `{}`.
 */
export const ChannelAccountHealthSchema = Type.Object({
  accountId: Type.Optional(Type.String()),
  configured: Type.Optional(Type.Boolean()),
  linked: Type.Optional(Type.Boolean()),
  authAgeMs: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  probe: Type.Optional(Type.Unknown()),
  lastProbeAt: Type.Optional(Type.Union([EpochMs, Type.Null()])),
});
export type ChannelAccountHealth = Static<typeof ChannelAccountHealthSchema>;

/** One channel's health: its default account's summary plus every account's (spec §13.2). */
export const ChannelHealthSchema = Type.Object({
  ...ChannelAccountHealthSchema.properties,
  accounts: Type.Optional(Type.Record(Type.String(), ChannelAccountHealthSchema)),
});
export type ChannelHealth = Static<typeof ChannelHealthSchema>;

/**
 * The HealthSnapshot (spec §13.2, methods.json `health`): the `health` result and the `health`
 * event's payload. `defaultAgentId` is absent while no agent is the default.
 */
export const HealthSnapshotSchema = Type.Object({
  ok: Type.Literal(true),
  ts: EpochMs,
  durationMs: Count,
  channels: Type.Record(Type.String(), ChannelHealthSchema),
  channelOrder: Type.Array(Type.String()),
  channelLabels: Type.Record(Type.String(), Type.String()),
  heartbeatSeconds: Count,
  defaultAgentId: Type.Optional(Type.String()),
  agents: Type.Array(AgentHealthSchema),
  sessions: SessionsHealthSchema,
});
export type HealthSnapshot = Static<typeof HealthSnapshotSchema>;

/** One agent's heartbeat schedule in `status` (methods.json `status`, "heartbeat config"). */
export const StatusHeartbeatAgentSchema = Type.Object({
  agentId: Type.String(),
  enabled: Type.Boolean(),
  every: Type.String(),
  everyMs: Type.Union([Count, Type.Null()]),
});
export type StatusHeartbeatAgent = Static<typeof StatusHeartbeatAgentSchema>;

/**
 * `status.heartbeat`: the schedule per agent. `enabled` is Gatehouse's global switch
 * (`set-heartbeats`); OpenClaw names `defaultAgentId` here instead. Gatehouse schedules no
 * heartbeats yet and sends `{enabled: false, agents: []}`.
 */
export const StatusHeartbeatSchema = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  defaultAgentId: Type.Optional(Type.String()),
  agents: Type.Array(StatusHeartbeatAgentSchema),
});
export type StatusHeartbeat = Static<typeof StatusHeartbeatSchema>;

/**
 * The `status` result (methods.json `status`: version, heartbeat config, channel summary, queued
 * system events, sessions). `channelSummary` holds one display line per channel account
 * (OpenClaw: "Telegram: configured"; Gatehouse: "Telegram default: connected", or the state and its
 * reason, "Telegram default: unauthorized (401 …)"); `[]` when no channel is configured.
 * `queuedSystemEvents` is a count from Gatehouse and the queued texts from OpenClaw. The last four
 * fields go only to callers holding operator.admin.
 */
export const StatusResultSchema = Type.Object({
  version: NonEmpty,
  heartbeat: StatusHeartbeatSchema,
  channelSummary: Type.Array(Type.String()),
  queuedSystemEvents: Type.Union([Count, Type.Array(Type.String())]),
  /** Named by the spec; Gatehouse does not send it yet (OpenClaw: `{paths, count, recent, byAgent, …}`). */
  sessions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  ok: Type.Optional(Type.Literal(true)),
  bootId: Type.Optional(Type.String()),
  host: Type.Optional(Type.String()),
  startedAtMs: Type.Optional(EpochMs),
  uptimeMs: Type.Optional(Count),
  authMode: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('token'), Type.Literal('password'), Type.Literal('trusted-proxy')])),
  defaultAgentId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  agents: Type.Optional(
    Type.Array(
      Type.Object({
        agentId: Type.String(),
        name: Type.Optional(Type.String()),
        isDefault: Type.Boolean(),
      }),
    ),
  ),
  connections: Type.Optional(Type.Object({ operators: Count, nodes: Count })),
  stateDir: Type.Optional(Type.String()),
  configPath: Type.Optional(Type.String()),
  logFile: Type.Optional(Type.String()),
  storeFile: Type.Optional(Type.String()),
});
export type StatusResult = Static<typeof StatusResultSchema>;

/** The `system-presence` result (spec §13.4): every entry, the gateway's own "self" entry first. */
export const SystemPresenceResultSchema = Type.Array(PresenceEntrySchema);
export type SystemPresenceResult = Static<typeof SystemPresenceResultSchema>;

/** What one agent heartbeat run ended with (spec §13.3). */
export const HeartbeatStatusSchema = Type.Union([
  Type.Literal('sent'),
  Type.Literal('ok-empty'),
  Type.Literal('ok-token'),
  Type.Literal('skipped'),
  Type.Literal('failed'),
]);
export type HeartbeatStatus = Static<typeof HeartbeatStatusSchema>;

/** The record of one agent heartbeat run (spec §13.3), as the `heartbeat` event will carry it. */
export const HeartbeatEventSchema = Type.Object({
  ts: EpochMs,
  status: HeartbeatStatusSchema,
  to: Type.Optional(Type.String()),
  preview: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  durationMs: Type.Optional(Count),
  channel: Type.Optional(Type.String()),
  accountId: Type.Optional(Type.String()),
  silent: Type.Optional(Type.Boolean()),
  message: Type.Optional(Type.String()),
  hasMedia: Type.Optional(Type.Boolean()),
  indicatorType: Type.Optional(Type.Union([Type.Literal('ok'), Type.Literal('alert'), Type.Literal('error')])),
});
export type HeartbeatEvent = Static<typeof HeartbeatEventSchema>;

/** The `last-heartbeat` result (spec §13.3): the last run's record, or null before any has run. */
export const LastHeartbeatResultSchema = Type.Union([HeartbeatEventSchema, Type.Null()]);
export type LastHeartbeatResult = Static<typeof LastHeartbeatResultSchema>;

/** Result schema of each health-status method, by method name. */
export const HealthResults = {
  health: HealthSnapshotSchema,
  status: StatusResultSchema,
  'system-presence': SystemPresenceResultSchema,
  'last-heartbeat': LastHeartbeatResultSchema,
} as const;
