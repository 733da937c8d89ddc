import type { HeartbeatEvent } from '../../../shared/protocol/health/results.js';
import type { AgentTurns } from '../../agent/agent-turns.js';
import { clip } from '../../agent/session-rows.js';
import type { ChannelDelivery } from '../../composition/feature-context.js';
import { withinActiveHours } from './active-hours.js';
import { stripHeartbeatToken, visibleHeartbeatText } from './heartbeat-ack.js';
import type { HeartbeatFileState } from './heartbeat-file.js';
import type { HeartbeatRepository } from './heartbeat-repository.js';
import type { AgentHeartbeatSettings } from './heartbeat-settings.js';

/** Research note §2: the same alert again within a day is not news. */
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1_000;
/** The event's `preview` is a glance, not the message (≤ 200 chars, as OpenClaw's). */
const PREVIEW_CHARS = 200;

/** Why a heartbeat did not run its turn (the skip chain, in order). */
export type SkipReason = 'disabled' | 'quiet-hours' | 'requests-in-flight' | 'empty-heartbeat-file' | 'no-heartbeat-file';

export interface HeartbeatRunDeps {
  now(): number;
  enabled(): boolean;
  turns: AgentTurns;
  requestsInFlight(sessionKey: string): number;
  queuedSystemEvents(sessionKey: string): number;
  readHeartbeatFile(workspace: string): Promise<HeartbeatFileState>;
  repository: HeartbeatRepository;
  /** Sends alerts to a chat (the channels feature); absent, alerts stay in the session and the event. */
  delivery?: Pick<ChannelDelivery, 'deliver' | 'check' | 'unavailableReason'>;
  logger?: { warn(fields: object, message: string): void };
}

export type HeartbeatOutcome =
  | { readonly ran: false; readonly reason: SkipReason; readonly event: HeartbeatEvent }
  | { readonly ran: true; readonly event: HeartbeatEvent };

function preview(text: string): string {
  return clip(text, PREVIEW_CHARS);
}

function skipped(ts: number, reason: SkipReason): HeartbeatOutcome {
  return { ran: false, reason, event: { ts, status: 'skipped', reason } };
}

/** The skip chain before any model call: cheapest checks first. */
async function skipReason(settings: AgentHeartbeatSettings, deps: HeartbeatRunDeps, startedAt: number): Promise<SkipReason | undefined> {
  if (!deps.enabled() || !settings.heartbeats) return 'disabled';
  if (!withinActiveHours(startedAt, settings.activeHours)) return 'quiet-hours';
  if (deps.requestsInFlight(settings.sessionKey) > 0) return 'requests-in-flight';
  const file = await deps.readHeartbeatFile(settings.workspace);
  // Queued system events (a wake, a cron reminder) are work even when HEARTBEAT.md asks for none.
  if (file !== 'has-tasks' && deps.queuedSystemEvents(settings.sessionKey) === 0) {
    return file === 'missing' ? 'no-heartbeat-file' : 'empty-heartbeat-file';
  }
  return undefined;
}

/**
 * One heartbeat of one agent: the skip chain, then a turn in its main session through the
 * agent-turn port, then what the reply means (research note §2): nothing → ok-empty, the
 * acknowledgement → ok-token, yesterday's alert again → skipped/duplicate, else an alert (`sent`;
 * delivered to the chat of `target` — "last" by default — when a channel is configured, else kept
 * in the main session and the event; no chat to go to → skipped/no-target).
 */
export async function runHeartbeat(settings: AgentHeartbeatSettings, trigger: string, deps: HeartbeatRunDeps): Promise<HeartbeatOutcome> {
  const startedAt = deps.now();
  const reason = await skipReason(settings, deps, startedAt);
  if (reason) return skipped(deps.now(), reason);
  const durationMs = () => Math.max(0, deps.now() - startedAt);
  let text: string;
  try {
    const turn = deps.turns.submit({
      origin: { kind: 'heartbeat', id: trigger },
      message: settings.prompt,
      agentId: settings.agentId,
      sessionKey: settings.sessionKey,
      timeoutMs: settings.timeoutMs,
      // The acknowledgement never reaches a client, not even half-streamed.
      visibleText: visibleHeartbeatText,
      ...(settings.model !== undefined ? { model: settings.model } : {}),
    });
    const result = await turn.done;
    if (result.status !== 'ok') {
      const message = result.failure?.message ?? (result.timedOut ? 'the heartbeat turn timed out' : result.stopReason);
      return { ran: true, event: { ts: deps.now(), status: 'failed', reason: message, durationMs: durationMs(), indicatorType: 'error' } };
    }
    text = result.text;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ran: true, event: { ts: deps.now(), status: 'failed', reason: message, durationMs: durationMs(), indicatorType: 'error' } };
  }
  const ts = deps.now();
  const reply = stripHeartbeatToken(text);
  if (text.trim() === '') return { ran: true, event: { ts, status: 'ok-empty', reason: trigger, durationMs: durationMs(), silent: true, indicatorType: 'ok' } };
  if (reply.isAcknowledgement) {
    return { ran: true, event: { ts, status: 'ok-token', reason: trigger, durationMs: durationMs(), silent: true, indicatorType: 'ok' } };
  }
  const last = deps.repository.lastAlert(settings.agentId);
  if (last && last.text === reply.text && ts - last.sentAt < DUPLICATE_WINDOW_MS) {
    return { ran: true, event: { ts, status: 'skipped', reason: 'duplicate', preview: preview(reply.text), durationMs: durationMs(), silent: true } };
  }
  const alert = { ts, status: 'sent', reason: trigger, preview: preview(reply.text), durationMs: durationMs(), indicatorType: 'alert' } as const;
  const delivery = deps.delivery;
  // target "none", or no chat channel configured: the alert is in the main session and this event.
  if (settings.target === 'none' || !delivery || delivery.unavailableReason() !== undefined) {
    deps.repository.recordAlert(settings.agentId, reply.text, ts);
    return { ran: true, event: alert };
  }
  const target = {
    sessionKey: settings.sessionKey,
    ...(settings.target !== 'last' ? { channel: settings.target } : {}),
    ...(settings.to !== undefined ? { to: settings.to } : {}),
    ...(settings.accountId !== undefined ? { accountId: settings.accountId } : {}),
  };
  try {
    delivery.check(target);
  } catch (error) {
    deps.logger?.warn({ agentId: settings.agentId, target: settings.target, error: errorMessage(error) }, 'heartbeat alert has no chat to go to');
    return { ran: true, event: { ts, status: 'skipped', reason: 'no-target', preview: preview(reply.text), durationMs: durationMs(), message: errorMessage(error) } };
  }
  try {
    const receipt = await delivery.deliver({ ...target, text: reply.text });
    deps.repository.recordAlert(settings.agentId, reply.text, ts);
    return { ran: true, event: { ...alert, ts: deps.now(), durationMs: durationMs(), channel: receipt.channel, accountId: receipt.accountId, to: receipt.to } };
  } catch (error) {
    return { ran: true, event: { ts: deps.now(), status: 'failed', reason: errorMessage(error), preview: preview(reply.text), durationMs: durationMs(), indicatorType: 'error' } };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
