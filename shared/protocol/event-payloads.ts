/**
 * Every event's payload schema, one map over the domains (shared/protocol/<domain>/events.ts).
 * The gateway's event bus is typed by it (a publisher sending the wrong shape does not compile),
 * the companion parses events with it, and the integration tests validate every event against it.
 */
import type { Static, TSchema } from 'typebox';
import { AgentEventPayloads } from './agent/events.js';
import { ChatEventPayloads } from './chat/events.js';
import { ConfigEventPayloads } from './config/events.js';
import { DevicesEventPayloads } from './devices/events.js';
import { ExecApprovalsEventPayloads } from './exec-approvals/events.js';
import { HealthEventPayloads } from './health/events.js';
import { ChannelsEventPayloads } from './channels/events.js';
import { CronEventPayloads } from './cron/events.js';
import { HeartbeatEventPayloads } from './heartbeat/events.js';
import { NodesEventPayloads } from './nodes/events.js';
import { TalkEventPayloads } from './talk/events.js';
import { VoicewakeEventPayloads } from './voicewake/events.js';

/**
 * Event → the schema of its payload. `connect.challenge` has none here: the connection writes it
 * itself before the handshake (gateway/core/server/connection.ts), never through the bus.
 */
export const EVENT_PAYLOADS = {
  ...AgentEventPayloads,
  ...ChannelsEventPayloads,
  ...ChatEventPayloads,
  ...ConfigEventPayloads,
  ...CronEventPayloads,
  ...DevicesEventPayloads,
  ...ExecApprovalsEventPayloads,
  ...HealthEventPayloads,
  ...HeartbeatEventPayloads,
  ...NodesEventPayloads,
  ...TalkEventPayloads,
  ...VoicewakeEventPayloads,
} as const satisfies Readonly<Record<string, TSchema>>;

export type EventWithPayload = keyof typeof EVENT_PAYLOADS;

/** The payload of event `E`; `unknown` for an event whose payload has no schema yet. */
export type EventPayload<E extends string> = E extends EventWithPayload ? Static<(typeof EVENT_PAYLOADS)[E]> : unknown;

/** The payload schema of `event`, or undefined for an event without one. */
export function payloadSchemaOf(event: string): TSchema | undefined {
  return Object.hasOwn(EVENT_PAYLOADS, event) ? EVENT_PAYLOADS[event as EventWithPayload] : undefined;
}
