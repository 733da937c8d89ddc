import type { Static } from 'typebox';
import { invalidRequest, type GatewayError } from '../../../shared/protocol/error-codes.js';
import type { CronAddParams } from '../../../shared/protocol/cron/params.js';
import type { CronDelivery, CronFailureAlert, CronJob, CronPayload, CronSchedule } from './cron-job.js';
import { MAX_STAGGER_MS, defaultStaggerMs, staggerOffsetMs } from './cron-stagger.js';
import { hostTimeZone } from '../../core/time-zones.js';
import { ScheduleError, validateSchedule } from './cron-schedule.js';

// Turns what a protocol-3 or protocol-4 client wrote (openclaw-families.md §0.1-2, §1 "Accepted
// input forms") into the one job shape the scheduler keeps. Every refusal names its field.

export type JobBody = Omit<Static<(typeof CronAddParams)['schema']>, 'data' | 'job'> & { data?: JobBody; job?: JobBody };
type RawSchedule = NonNullable<JobBody['schedule']>;
type RawPayload = NonNullable<JobBody['payload']>;

export function fieldError(field: string, message: string): GatewayError {
  return invalidRequest(`${field}: ${message}`, { field });
}

/** `{data:{…}}` / `{job:{…}}` wrappers from older clients hold the job itself. */
export function unwrapJobBody(body: JobBody): JobBody {
  return body.data ?? body.job ?? body;
}

function flag(value: boolean | 'true' | 'false' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === true || value === 'true';
}

/** `at`/`atMs` may be an ISO string (no offset = UTC), an epoch number or a numeric string. */
function instant(value: number | string, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw fieldError(field, 'must be a time in the future');
    return Math.floor(value);
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const parsed = Date.parse(hasZone || !trimmed.includes('T') ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(parsed)) throw fieldError(field, `not an ISO-8601 time: ${JSON.stringify(trimmed.slice(0, 60))}`);
  return parsed;
}

/** An explicit `staggerMs` (0 turns the top-of-hour stagger off), else the default for the expression. */
function staggerOf(raw: RawSchedule, expr: string, jobId: string): { staggerMs?: number; offsetMs?: number } {
  let staggerMs: number;
  if (raw.staggerMs !== undefined) {
    if (!Number.isInteger(raw.staggerMs) || raw.staggerMs < 0 || raw.staggerMs > MAX_STAGGER_MS) {
      throw fieldError('schedule.staggerMs', `must be a whole number of milliseconds from 0 to ${MAX_STAGGER_MS}, got ${raw.staggerMs}`);
    }
    staggerMs = raw.staggerMs;
  } else staggerMs = defaultStaggerMs(expr);
  if (staggerMs === 0) return raw.staggerMs === undefined ? {} : { staggerMs: 0 };
  return { staggerMs, offsetMs: staggerOffsetMs(jobId, staggerMs) };
}

function readSchedule(raw: RawSchedule, now: number, jobId: string): CronSchedule {
  if (raw.command !== undefined || raw.kind === 'on-exit' || raw.kind === 'stream') {
    throw fieldError('schedule.kind', `${raw.kind ?? 'on-exit'} schedules are not supported by Gatehouse`);
  }
  const expr = raw.expr ?? raw.cron;
  const kind = raw.kind ?? (raw.at !== undefined || raw.atMs !== undefined ? 'at' : raw.everyMs !== undefined ? 'every' : expr !== undefined ? 'cron' : undefined);
  let schedule: CronSchedule;
  if (kind === 'at') {
    const value = raw.atMs ?? raw.at;
    const field = raw.atMs !== undefined ? 'schedule.atMs' : 'schedule.at';
    if (value === undefined) throw fieldError('schedule.at', 'a one-shot needs `at` (ISO time) or `atMs`');
    const atMs = instant(value, field);
    if (atMs <= now) throw fieldError(field, `${new Date(atMs).toISOString()} is in the past`);
    schedule = { kind: 'at', atMs };
  } else if (kind === 'every') {
    if (raw.everyMs === undefined || !Number.isInteger(raw.everyMs)) throw fieldError('schedule.everyMs', 'must be a whole number of milliseconds');
    const anchorMs = raw.anchorMs !== undefined && Number.isInteger(raw.anchorMs) && raw.anchorMs >= 0 ? raw.anchorMs : now;
    schedule = { kind: 'every', everyMs: raw.everyMs, anchorMs };
  } else if (kind === 'cron') {
    if (expr === undefined || expr.trim() === '') throw fieldError('schedule.expr', 'a cron schedule needs `expr`');
    // The host zone is stored at add time (OpenClaw's silent UTC default is its top cron bug).
    schedule = { kind: 'cron', expr: expr.trim(), tz: raw.tz?.trim() || hostTimeZone(), ...staggerOf(raw, expr, jobId) };
  } else {
    throw fieldError('schedule.kind', `must be "at", "every" or "cron"${kind ? `, got ${JSON.stringify(kind)}` : ''}`);
  }
  try {
    validateSchedule(schedule);
  } catch (error) {
    if (error instanceof ScheduleError) throw fieldError(error.field, error.message);
    throw error;
  }
  return schedule;
}

function readPayload(raw: RawPayload, previous: CronPayload | undefined): CronPayload {
  const kind = raw.kind ?? (raw.message !== undefined ? 'agentTurn' : raw.text !== undefined ? 'systemEvent' : previous?.kind);
  if (kind === 'command' || kind === 'script') throw fieldError('payload.kind', `${kind} payloads are not supported by Gatehouse`);
  // cron.update merges a payload of the same kind into the one it replaces.
  const base = previous?.kind === kind ? previous : undefined;
  if (kind === 'systemEvent') {
    const text = raw.text ?? (base?.kind === 'systemEvent' ? base.text : undefined);
    if (!text?.trim()) throw fieldError('payload.text', 'a systemEvent payload needs non-empty `text`');
    return { kind, text };
  }
  if (kind === 'agentTurn') {
    const prior = base?.kind === 'agentTurn' ? base : undefined;
    const message = raw.message ?? prior?.message;
    if (!message?.trim()) throw fieldError('payload.message', 'an agentTurn payload needs non-empty `message`');
    const model = raw.model ?? prior?.model;
    const thinking = raw.thinking ?? prior?.thinking;
    const timeoutSeconds = raw.timeoutSeconds ?? prior?.timeoutSeconds;
    return {
      kind,
      message,
      ...(model ? { model } : {}),
      ...(thinking ? { thinking } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    };
  }
  throw fieldError('payload.kind', `must be "systemEvent" or "agentTurn"${kind ? `, got ${JSON.stringify(kind)}` : ''}`);
}

/** Protocol-3 delivery lives on the payload: `deliver` explicit, or implied by a `to`. */
function deliveryFromPayload(raw: RawPayload): CronDelivery | undefined {
  const channel = raw.channel ?? raw.provider;
  const deliver = flag(raw.deliver);
  if (deliver === undefined && raw.to === undefined && channel === undefined) return undefined;
  const mode = (deliver ?? raw.to !== undefined) ? 'announce' : 'none';
  const bestEffort = flag(raw.bestEffortDeliver);
  return { mode, ...(channel ? { channel } : {}), ...(raw.to ? { to: raw.to } : {}), ...(bestEffort !== undefined ? { bestEffort } : {}) };
}

function readDelivery(raw: NonNullable<JobBody['delivery']>): CronDelivery {
  if (raw.mode !== 'none' && raw.mode !== 'announce' && raw.mode !== 'webhook') {
    throw fieldError('delivery.mode', `must be "none", "announce" or "webhook", got ${JSON.stringify(raw.mode)}`);
  }
  if (raw.mode === 'webhook' && !raw.to) throw fieldError('delivery.to', 'webhook delivery needs a `to` URL');
  const bestEffort = flag(raw.bestEffort);
  return {
    mode: raw.mode,
    ...(raw.channel ? { channel: raw.channel } : {}),
    ...(raw.to ? { to: raw.to } : {}),
    ...(raw.accountId ? { accountId: raw.accountId } : {}),
    ...(raw.threadId !== undefined ? { threadId: raw.threadId } : {}),
    ...(bestEffort !== undefined ? { bestEffort } : {}),
  };
}

/** `false` turns alerts off for the job, `null` drops its override (back to `cron.failureAlert`). */
function readFailureAlert(raw: Exclude<JobBody['failureAlert'], undefined>): CronFailureAlert | false | undefined {
  if (raw === null) return undefined;
  if (raw === false) return false;
  if (raw.mode !== undefined && raw.mode !== 'announce' && raw.mode !== 'webhook') {
    throw fieldError('failureAlert.mode', `must be "announce" or "webhook", got ${JSON.stringify(raw.mode)}`);
  }
  return {
    ...(raw.after !== undefined ? { after: raw.after } : {}),
    ...(raw.cooldownMs !== undefined ? { cooldownMs: raw.cooldownMs } : {}),
    ...(raw.mode !== undefined ? { mode: raw.mode } : {}),
    ...(raw.channel ? { channel: raw.channel } : {}),
    ...(raw.to ? { to: raw.to } : {}),
    ...(raw.accountId ? { accountId: raw.accountId } : {}),
    ...(typeof raw.includeSkipped === 'boolean' ? { includeSkipped: raw.includeSkipped } : {}),
  };
}

function targetOf(value: string | undefined, payload: CronPayload, field = 'sessionTarget'): 'main' | 'isolated' {
  const target = value ?? (payload.kind === 'systemEvent' ? 'main' : 'isolated');
  if (target !== 'main' && target !== 'isolated') {
    throw fieldError(field, `${JSON.stringify(target)} is not supported by Gatehouse (use "main" or "isolated")`);
  }
  if (target === 'main' && payload.kind !== 'systemEvent') throw fieldError(field, '"main" jobs need a systemEvent payload');
  if (target === 'isolated' && payload.kind !== 'agentTurn') throw fieldError(field, '"isolated" jobs need an agentTurn payload');
  return target;
}

function wakeModeOf(value: string | undefined): 'now' | 'next-heartbeat' {
  if (value === undefined || value === 'next-heartbeat') return 'next-heartbeat';
  if (value === 'now') return 'now';
  throw fieldError('wakeMode', `must be "now" or "next-heartbeat", got ${JSON.stringify(value)}`);
}

/**
 * A new job from `cron.add`, or `existing` with a `cron.update` patch applied. The scheduler
 * state is left to the caller (it recomputes the next run).
 */
export function jobFromInput(input: JobBody, context: { id: string; now: number; existing?: CronJob }): CronJob {
  const body = unwrapJobBody(input);
  const existing = context.existing;
  if (!existing) {
    if (!body.name?.trim()) throw fieldError('name', 'a job needs a name');
    if (!body.schedule) throw fieldError('schedule', 'a job needs a schedule');
    if (!body.payload) throw fieldError('payload', 'a job needs a payload');
  }
  const schedule = body.schedule ? readSchedule(body.schedule, context.now, context.id) : (existing as CronJob).schedule;
  const payload = body.payload ? readPayload(body.payload, existing?.payload) : (existing as CronJob).payload;
  const sessionTarget = targetOf(body.sessionTarget ?? (body.payload ? undefined : existing?.sessionTarget), payload);
  const delivery = body.delivery ? readDelivery(body.delivery) : (body.payload ? deliveryFromPayload(body.payload) : undefined) ?? existing?.delivery;
  if (sessionTarget === 'main' && delivery?.mode === 'announce') throw fieldError('delivery.mode', 'main-session jobs cannot announce');
  const agentId = body.agentId === null ? undefined : (body.agentId?.toLowerCase() ?? existing?.agentId);
  const description = body.description ?? existing?.description;
  const deleteAfterRun = flag(body.deleteAfterRun) ?? existing?.deleteAfterRun;
  const isolation = body.isolation ?? existing?.isolation;
  const failureAlert = body.failureAlert !== undefined ? readFailureAlert(body.failureAlert) : existing?.failureAlert;
  return {
    id: context.id,
    name: body.name?.trim() || (existing as CronJob).name,
    ...(description !== undefined ? { description } : {}),
    enabled: flag(body.enabled) ?? existing?.enabled ?? true,
    ...(agentId !== undefined ? { agentId } : {}),
    ...(deleteAfterRun !== undefined ? { deleteAfterRun } : {}),
    createdAtMs: existing?.createdAtMs ?? context.now,
    updatedAtMs: context.now,
    schedule,
    sessionTarget,
    wakeMode: body.wakeMode !== undefined ? wakeModeOf(body.wakeMode) : (existing?.wakeMode ?? 'next-heartbeat'),
    payload,
    ...(delivery !== undefined ? { delivery } : {}),
    ...(isolation !== undefined ? { isolation } : {}),
    ...(failureAlert !== undefined ? { failureAlert } : {}),
    state: existing ? { ...existing.state } : {},
  };
}
