/**
 * The Add/Edit form of a scheduled job, as data: the fields as typed, the preview of the next
 * five runs (croner, in the chosen zone, the way the gateway computes them) with the reason when
 * the schedule cannot run, and the check that turns the fields into a `ScheduledJobInput`.
 * Pure (the clock comes in as `now`), so unit tests cover it without a page.
 */
import { Cron } from 'croner';
import type { ScheduledJobInput, ScheduledJobView } from '../../shared/ipc/contract.js';
import { defaultStaggerMs } from '../../shared/protocol/cron/stagger.js';
import { isTimeZone, localInputValue } from '../format/zoned-time.js';

export type ScheduleKind = 'cron' | 'every' | 'at';
export type EveryUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export type PayloadKind = ScheduledJobInput['payload']['kind'];

export interface ScheduleFormState {
  name: string;
  payloadKind: PayloadKind;
  text: string;
  kind: ScheduleKind;
  expr: string;
  everyValue: string;
  everyUnit: EveryUnit;
  /** `YYYY-MM-DDTHH:mm`, a wall-clock time in `tz`. */
  at: string;
  tz: string;
}

export const everyUnitMs: Readonly<Record<EveryUnit, number>> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const MAX_EVERY_MS = 31_622_400_000;
export const PREVIEW_COUNT = 5;

export type FormProblemField = 'name' | 'text' | 'schedule' | 'tz';

/** Why a field cannot be used; the view words it (strings.scheduled.form.problems). */
export type ScheduleProblem =
  | { code: 'name' | 'text' | 'exprMissing' | 'everyMissing' | 'everyTooShort' | 'everyTooLong' | 'atMissing' | 'atPast' }
  | { code: 'exprFields'; count: number }
  | { code: 'expr'; reason: string }
  | { code: 'zone'; zone: string };

export type FormProblems = Partial<Record<FormProblemField, ScheduleProblem>>;

/**
 * `staggerWindowMs`: the runs are shown at the schedule's own times, but the gateway starts each
 * at a fixed moment within this window after them (a new or changed top-of-hour job, whose place
 * in the window is picked when it is saved). A saved job's own offset is already in `runs`.
 */
export type SchedulePreview = { ok: true; runs: number[]; staggerWindowMs?: number } | { ok: false; field: 'schedule' | 'tz'; problem: ScheduleProblem };

export function emptyScheduleForm(timeZone: string): ScheduleFormState {
  return { name: '', payloadKind: 'systemEvent', text: '', kind: 'cron', expr: '0 8 * * 1-5', everyValue: '30', everyUnit: 'minutes', at: '', tz: timeZone };
}

/** The form filled in from a job, to edit it. `at` jobs are shown in `timeZone` (they have no zone of their own). */
export function formFromJob(job: ScheduledJobView, timeZone: string): ScheduleFormState {
  const base = { ...emptyScheduleForm(job.timeZone), name: job.name, payloadKind: job.payload.kind, text: job.payload.text };
  switch (job.schedule.kind) {
    case 'cron':
      return { ...base, kind: 'cron', expr: job.schedule.expr };
    case 'every': {
      const everyMs = job.schedule.everyMs;
      const unit = (['days', 'hours', 'minutes', 'seconds'] as const).find((name) => everyMs % everyUnitMs[name] === 0) ?? 'seconds';
      return { ...base, kind: 'every', everyValue: String(everyMs / everyUnitMs[unit]), everyUnit: unit, tz: timeZone };
    }
    case 'at':
      return { ...base, kind: 'at', at: localInputValue(job.schedule.atMs, timeZone), tz: timeZone };
    default:
      return base;
  }
}

/** Croner's messages start with the class that threw them ("CronPattern: …"); people need the rest. */
function croneReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Cron\w*:\s*/, '').replace(/\.?\s*Original error:.*$/s, '');
}

/**
 * The next five runs after `now`, or why there are none. Recomputed on every keystroke. `job` is
 * the saved job being edited: while its expression is unchanged, its runs carry its stagger offset.
 */
export function schedulePreview(form: ScheduleFormState, now: number, job?: ScheduledJobView): SchedulePreview {
  const zoneMatters = form.kind !== 'every';
  if (zoneMatters && !isTimeZone(form.tz)) return { ok: false, field: 'tz', problem: { code: 'zone', zone: form.tz } };
  switch (form.kind) {
    case 'cron': {
      const expr = form.expr.trim();
      if (expr === '') return { ok: false, field: 'schedule', problem: { code: 'exprMissing' } };
      const fields = expr.split(/\s+/).length;
      if (fields !== 5 && fields !== 6) return { ok: false, field: 'schedule', problem: { code: 'exprFields', count: fields } };
      try {
        return cronPreview(new Cron(expr, { timezone: form.tz, paused: true }), { expr, tz: form.tz }, now, job);
      } catch (error) {
        return { ok: false, field: 'schedule', problem: { code: 'expr', reason: croneReason(error) } };
      }
    }
    case 'every': {
      const everyMs = everyMsOf(form);
      if (everyMs === undefined) return { ok: false, field: 'schedule', problem: { code: 'everyMissing' } };
      if (everyMs < 1_000) return { ok: false, field: 'schedule', problem: { code: 'everyTooShort' } };
      if (everyMs > MAX_EVERY_MS) return { ok: false, field: 'schedule', problem: { code: 'everyTooLong' } };
      // The gateway anchors an interval at the moment the job is added: its first run is then.
      return { ok: true, runs: Array.from({ length: PREVIEW_COUNT }, (_, index) => now + index * everyMs) };
    }
    case 'at': {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(form.at)) return { ok: false, field: 'schedule', problem: { code: 'atMissing' } };
      const atMs = atMsOf(form);
      if (atMs === undefined) return { ok: false, field: 'schedule', problem: { code: 'atMissing' } };
      if (atMs <= now) return { ok: false, field: 'schedule', problem: { code: 'atPast' } };
      return { ok: true, runs: [atMs] };
    }
  }
}

/**
 * A cron schedule's runs with the gateway's top-of-hour stagger. A saved job keeps the window it was
 * saved with (none for jobs saved before the stagger existed); its offset shows in when it runs
 * next, which lies within the window after one of the schedule's own times.
 */
function cronPreview(cron: Cron, { expr, tz }: { expr: string; tz: string }, now: number, job: ScheduledJobView | undefined): SchedulePreview {
  const runsAfter = (from: number): number[] => cron.nextRuns(PREVIEW_COUNT, new Date(from)).map((date) => date.getTime());
  const saved = job?.schedule.kind === 'cron' && job.schedule.expr === expr && job.timeZone === tz ? job.schedule : undefined;
  const windowMs = saved !== undefined ? (saved.staggerMs ?? 0) : defaultStaggerMs(expr);
  if (windowMs === 0) return { ok: true, runs: runsAfter(now) };
  const offsetMs = saved === undefined ? undefined : savedOffsetMs(cron, windowMs, job?.nextRunAtMs);
  if (offsetMs === undefined) return { ok: true, runs: runsAfter(now), staggerWindowMs: windowMs };
  return { ok: true, runs: runsAfter(now - offsetMs).map((run) => run + offsetMs) };
}

/** How far after its schedule's time the job's next run is; unknown when that run is not on the schedule (a retry after a failure). */
function savedOffsetMs(cron: Cron, windowMs: number, nextRunAtMs: number | undefined): number | undefined {
  if (nextRunAtMs === undefined) return undefined;
  const slot = cron.nextRun(new Date(nextRunAtMs - windowMs))?.getTime();
  if (slot === undefined || slot > nextRunAtMs) return undefined;
  return nextRunAtMs - slot;
}

function everyMsOf(form: ScheduleFormState): number | undefined {
  const text = form.everyValue.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? Math.round(value * everyUnitMs[form.everyUnit]) : undefined;
}

/** The instant a wall-clock time in the form's zone names (croner reads an ISO local time in a zone). */
function atMsOf(form: ScheduleFormState): number | undefined {
  try {
    // A one-shot pattern: the date as a clock in `tz` shows it. Past dates give no run, so ask
    // from the epoch: the one run there is, is the instant.
    const date = new Cron(`${form.at}:00`, { timezone: form.tz, paused: true }).nextRun(new Date(0));
    return date?.getTime();
  } catch {
    return undefined;
  }
}

/** The fields as the job main sends to the gateway, or the problem of each field that stops it. */
export function checkScheduleForm(form: ScheduleFormState, now: number): { ok: true; input: ScheduledJobInput } | { ok: false; problems: FormProblems } {
  const problems: FormProblems = {};
  if (form.name.trim() === '') problems.name = { code: 'name' };
  if (form.text.trim() === '') problems.text = { code: 'text' };
  const preview = schedulePreview(form, now);
  if (!preview.ok) problems[preview.field] = preview.problem;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const schedule: ScheduledJobInput['schedule'] =
    form.kind === 'cron'
      ? { kind: 'cron', expr: form.expr.trim().replace(/\s+/g, ' '), tz: form.tz }
      : form.kind === 'every'
        ? { kind: 'every', everyMs: everyMsOf(form)! }
        : { kind: 'at', atMs: atMsOf(form)! };
  return { ok: true, input: { name: form.name.trim(), schedule, payload: { kind: form.payloadKind, text: form.text.trim() } } };
}

/** Every IANA zone the browser knows, UTC first, with `extra` (the system's, the job's) always in it. */
export function timeZoneChoices(...extra: string[]): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set<string>(['UTC', ...known]);
  for (const zone of extra) if (zone !== '') zones.add(zone);
  return [...zones].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}
