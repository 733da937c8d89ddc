/**
 * Gateway cron and heartbeat shapes → the Scheduled window's and the panel's view models, and
 * the form's input → `cron.add` / `cron.update` params. The gateway's answers are parsed with the
 * protocol's own schemas (shared/protocol/cron, heartbeat): what the protocol requires is
 * checked, unknown fields pass. Pure, so tests cover it under Node.
 */
import type { ScheduledJobInput, ScheduledJobView, ScheduledRunView, ScheduleSummaryView, ScheduleView } from '../../shared/ipc/contract.js';
import { CronEventPayloads } from '../../shared/protocol/cron/events.js';
import { CronResults, type CronJobView, type CronRunLogEntry } from '../../shared/protocol/cron/results.js';
import { HeartbeatEventPayloads } from '../../shared/protocol/heartbeat/events.js';
import { HeartbeatResults, type HeartbeatEvent } from '../../shared/protocol/heartbeat/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import { clip } from '../text/clip.js';

export const cronListResult = compileSchema(CronResults['cron.list']);
export const cronStatusResult = compileSchema(CronResults['cron.status']);
export const cronRunsResult = compileSchema(CronResults['cron.runs']);
export const cronRunResult = compileSchema(CronResults['cron.run']);
export const cronJobResult = compileSchema(CronResults['cron.add']);
export const cronRemoveResult = compileSchema(CronResults['cron.remove']);
export const lastHeartbeatResult = compileSchema(HeartbeatResults['last-heartbeat']);
export const cronEventPayload = compileSchema(CronEventPayloads.cron);
export const heartbeatEventPayload = compileSchema(HeartbeatEventPayloads.heartbeat);

/** How many runs of one job the history shows. */
export const RUN_HISTORY_LIMIT = 50;
/** Texts cut for the view (the gateway keeps them whole). */
const MAX_TEXT = 2_000;

function scheduleView(schedule: CronJobView['schedule']): ScheduleView {
  switch (schedule.kind) {
    case 'cron':
      return { kind: 'cron', expr: schedule.expr, ...(schedule.staggerMs === undefined ? {} : { staggerMs: schedule.staggerMs }) };
    case 'every':
      return { kind: 'every', everyMs: schedule.everyMs };
    case 'at':
      return { kind: 'at', atMs: schedule.atMs };
  }
}

/** One job; `localZone` is the companion's zone, for schedules that carry none. */
export function scheduledJobView(job: CronJobView, localZone: string): ScheduledJobView {
  const jobZone = job.schedule.kind === 'cron' ? job.schedule.tz : undefined;
  const { state } = job;
  const lastStatus = state.lastStatus ?? state.lastRunStatus;
  return {
    id: job.id,
    name: job.name,
    ...(job.description ? { description: clip(job.description, MAX_TEXT) } : {}),
    enabled: job.enabled,
    sessionTarget: job.sessionTarget,
    schedule: scheduleView(job.schedule),
    timeZone: jobZone ?? localZone,
    zoneSource: jobZone === undefined ? 'local' : 'job',
    payload: { kind: job.payload.kind, text: clip(job.payload.kind === 'systemEvent' ? job.payload.text : job.payload.message, MAX_TEXT) },
    ...(state.nextRunAtMs !== undefined ? { nextRunAtMs: state.nextRunAtMs } : {}),
    ...(state.runningAtMs !== undefined ? { runningAtMs: state.runningAtMs } : {}),
    ...(state.lastRunAtMs !== undefined ? { lastRunAtMs: state.lastRunAtMs } : {}),
    ...(lastStatus !== undefined ? { lastStatus } : {}),
    ...(state.lastError ? { lastError: clip(state.lastError, MAX_TEXT) } : {}),
    ...(state.consecutiveErrors ? { consecutiveErrors: state.consecutiveErrors } : {}),
    ...(state.autoDisabled ? { autoDisabled: { reason: clip(state.autoDisabled.reason, MAX_TEXT), atMs: state.autoDisabled.atMs } } : {}),
  };
}

/** A job's history, newest first (the gateway answers oldest first), at most RUN_HISTORY_LIMIT. */
export function scheduledRunViews(entries: readonly CronRunLogEntry[]): ScheduledRunView[] {
  return entries
    .map((entry, index): ScheduledRunView => ({
      id: `${entry.runId ?? entry.ts}:${index}`,
      ts: entry.ts,
      status: entry.status ?? 'unknown',
      ...(entry.runAtMs !== undefined ? { runAtMs: entry.runAtMs } : {}),
      ...(entry.durationMs !== undefined ? { durationMs: entry.durationMs } : {}),
      ...(entry.error ? { error: clip(entry.error, MAX_TEXT) } : {}),
      ...(entry.summary ? { summary: clip(entry.summary, MAX_TEXT) } : {}),
    }))
    .reverse()
    .slice(0, RUN_HISTORY_LIMIT);
}

export function heartbeatSummary(event: HeartbeatEvent | null): ScheduleSummaryView['heartbeat'] {
  if (event === null) return null;
  return {
    ts: event.ts,
    status: event.status,
    ...(event.preview ? { preview: clip(event.preview, 200) } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
  };
}

/** The form's job as `cron.add` params (also the `patch` of `cron.update`). The gateway derives the session target from the payload. */
export function cronJobParams(input: ScheduledJobInput): Record<string, unknown> {
  const { schedule, payload } = input;
  return {
    name: input.name.trim(),
    schedule:
      schedule.kind === 'cron'
        ? { kind: 'cron', expr: schedule.expr.trim(), tz: schedule.tz }
        : schedule.kind === 'every'
          ? { kind: 'every', everyMs: schedule.everyMs }
          : { kind: 'at', at: new Date(schedule.atMs).toISOString() },
    payload: payload.kind === 'systemEvent' ? { kind: 'systemEvent', text: payload.text } : { kind: 'agentTurn', message: payload.text },
  };
}
