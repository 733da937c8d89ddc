import { Cron } from 'croner';
import { isKnownTimeZone } from '../../core/time-zones.js';
import type { CronSchedule } from './cron-job.js';

/** A schedule that cannot be used; `field` names the offending param for the client. */
export class ScheduleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function assertTimeZone(tz: string, field = 'schedule.tz'): void {
  if (!isKnownTimeZone(tz)) throw new ScheduleError(field, `unknown time zone: ${tz}`);
}

// Parsed patterns are reused: nextRunAfter runs for every job on every re-arm.
const patterns = new Map<string, Cron>();

function cronOf(expr: string, tz: string): Cron {
  const key = `${tz}\u0000${expr}`;
  let cron = patterns.get(key);
  if (!cron) {
    const fields = expr.trim().split(/\s+/).length;
    if (fields !== 5 && fields !== 6) throw new ScheduleError('schedule.expr', `invalid cron expression "${expr}": expected 5 or 6 fields, got ${fields}`);
    try {
      // paused: this object only computes dates, it never schedules anything itself.
      cron = new Cron(expr, { timezone: tz, paused: true });
    } catch (error) {
      throw new ScheduleError('schedule.expr', `invalid cron expression "${expr}": ${(error as Error).message}`);
    }
    if (patterns.size > 10_000) patterns.clear();
    patterns.set(key, cron);
  }
  return cron;
}

/** Throws ScheduleError for an expression or zone the scheduler could never run. */
export function validateSchedule(schedule: CronSchedule): void {
  if (schedule.kind === 'every' && schedule.everyMs < 1_000) {
    throw new ScheduleError('schedule.everyMs', `schedule.everyMs must be at least 1000 (one second), got ${schedule.everyMs}`);
  }
  if (schedule.kind === 'cron') {
    assertTimeZone(schedule.tz);
    cronOf(schedule.expr, schedule.tz);
  }
}

/**
 * The first run strictly after `afterMs`, or undefined when there is none (a one-shot already
 * past, a cron expression with no future date). A one-shot at or before `afterMs` has none.
 */
export function nextRunAfter(schedule: CronSchedule, afterMs: number): number | undefined {
  switch (schedule.kind) {
    case 'at':
      return schedule.atMs > afterMs ? schedule.atMs : undefined;
    case 'every': {
      if (afterMs < schedule.anchorMs) return schedule.anchorMs;
      return schedule.anchorMs + (Math.floor((afterMs - schedule.anchorMs) / schedule.everyMs) + 1) * schedule.everyMs;
    }
    case 'cron': {
      // A staggered job runs `offsetMs` after each slot: the slot is looked up that much earlier.
      const offset = schedule.offsetMs ?? 0;
      const slot = cronOf(schedule.expr, schedule.tz).nextRun(new Date(afterMs - offset))?.getTime();
      return slot === undefined ? undefined : slot + offset;
    }
  }
}

/** The first run at or after `fromMs` (a new job's first slot may be right now). */
export function nextRunFrom(schedule: CronSchedule, fromMs: number): number | undefined {
  if (schedule.kind === 'at') return schedule.atMs;
  return nextRunAfter(schedule, fromMs - 1);
}

/** Slots in [fromMs, toMs], at most `limit` (how many were missed while the gateway was down). */
export function slotsBetween(schedule: CronSchedule, fromMs: number, toMs: number, limit: number): { slots: number[]; more: boolean } {
  const slots: number[] = [];
  let next = nextRunFrom(schedule, fromMs);
  while (next !== undefined && next <= toMs) {
    if (slots.length === limit) return { slots, more: true };
    slots.push(next);
    if (schedule.kind === 'at') break;
    next = nextRunAfter(schedule, next);
  }
  return { slots, more: false };
}
