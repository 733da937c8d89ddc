/**
 * Shape checks for what main sends the Scheduled window and the panel's schedule line. Main is
 * trusted, but a wrong shape must show a message, not crash the window.
 */
import type { ScheduledJobsView, ScheduledJobView, ScheduledRunView, ScheduleSummaryView } from '../../shared/ipc/contract.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);

export function isScheduledJobView(value: unknown): value is ScheduledJobView {
  if (!isRecord(value) || !isRecord(value['schedule']) || !isRecord(value['payload'])) return false;
  const kind = value['schedule']['kind'];
  return (
    isString(value['id']) &&
    isString(value['name']) &&
    typeof value['enabled'] === 'boolean' &&
    isString(value['timeZone']) &&
    (kind === 'cron' || kind === 'every' || kind === 'at') &&
    isString(value['payload']['text']) &&
    optional(value['nextRunAtMs'], isNumber) &&
    optional(value['lastRunAtMs'], isNumber)
  );
}

export function isScheduledJobsView(value: unknown): value is ScheduledJobsView {
  return (
    isRecord(value) &&
    (value['state'] === 'ready' || value['state'] === 'offline' || value['state'] === 'unsupported') &&
    isString(value['timeZone']) &&
    Array.isArray(value['jobs']) &&
    value['jobs'].every(isScheduledJobView)
  );
}

export function isScheduledRunViews(value: unknown): value is ScheduledRunView[] {
  return Array.isArray(value) && value.every((run) => isRecord(run) && isString(run['id']) && isNumber(run['ts']) && isString(run['status']));
}

export function isScheduleSummaryView(value: unknown): value is ScheduleSummaryView {
  if (!isRecord(value) || !isString(value['timeZone'])) return false;
  const cron = value['cron'];
  const heartbeat = value['heartbeat'];
  return (
    optional(cron, (c) => isRecord(c) && (c['nextWakeAtMs'] === null || isNumber(c['nextWakeAtMs']))) &&
    optional(heartbeat, (h) => h === null || (isRecord(h) && isNumber(h['ts']) && isString(h['status'])))
  );
}

/** Runs the history marks: missed and failed runs stand out, in words as well as colour. */
export function runAttention(status: ScheduledRunView['status']): 'missed' | 'failed' | undefined {
  return status === 'missed' ? 'missed' : status === 'error' ? 'failed' : undefined;
}
