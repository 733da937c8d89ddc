import { hostTimeZone, isKnownTimeZone } from '../../core/time-zones.js';
import type { ActiveHours } from './heartbeat-settings.js';

function validZone(zone: string | undefined): string {
  if (zone === undefined || zone === 'local' || zone === 'user') return hostTimeZone();
  // An unknown zone must not silence heartbeats for ever: fall back to the host's.
  return isKnownTimeZone(zone) ? zone : hostTimeZone();
}

function minutesOf(clock: string): number {
  const [hours = '0', minutes = '0'] = clock.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** Minutes since midnight at `atMs` on the wall clock of `zone`. */
export function minuteOfDay(atMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(atMs);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/**
 * config.md §4.4 `activeHours`: heartbeats run from `start` (inclusive) to `end` (exclusive) on the
 * wall clock of `timezone` (default: the host's). A window whose end is before its start spans
 * midnight (22:00–06:00). Absent, or start equal to end, means always.
 */
export function withinActiveHours(atMs: number, hours: ActiveHours | undefined): boolean {
  if (!hours || (hours.start === undefined && hours.end === undefined)) return true;
  const start = minutesOf(hours.start ?? '00:00');
  const end = minutesOf(hours.end ?? '24:00');
  if (start === end) return true;
  const now = minuteOfDay(atMs, validZone(hours.timezone));
  return start < end ? now >= start && now < end : now >= start || now < end;
}
