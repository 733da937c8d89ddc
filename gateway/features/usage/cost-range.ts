import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import { MAX_COST_DAYS } from '../../../shared/protocol/usage/params.js';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

export interface DayRange {
  startDate: string;
  endDate: string;
}

/** `YYYY-MM-DD` → UTC midnight, or an error naming the field when it is no calendar day. */
function parseDay(value: string, field: string): number {
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw invalidRequest(`${field} ${value} is not a calendar day (use YYYY-MM-DD)`);
  }
  return ms;
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The UTC day range of usage.cost: both dates as given; one date plus `days` (default 30,
 * counting that day); nothing → the last 30 days including today.
 */
export function costRange(params: { startDate?: string; endDate?: string; days?: number }, nowMs: number): DayRange {
  const days = params.days ?? DEFAULT_DAYS;
  const today = parseDay(formatDay(nowMs), 'today');
  let start: number;
  let end: number;
  if (params.startDate !== undefined && params.endDate !== undefined) {
    start = parseDay(params.startDate, 'startDate');
    end = parseDay(params.endDate, 'endDate');
  } else if (params.startDate !== undefined) {
    start = parseDay(params.startDate, 'startDate');
    end = params.days !== undefined ? start + (days - 1) * DAY_MS : Math.max(start, today);
  } else {
    end = params.endDate !== undefined ? parseDay(params.endDate, 'endDate') : today;
    start = end - (days - 1) * DAY_MS;
  }
  if (end < start) throw invalidRequest(`endDate ${formatDay(end)} is before startDate ${formatDay(start)}`);
  const length = Math.round((end - start) / DAY_MS) + 1;
  if (length > MAX_COST_DAYS) throw invalidRequest(`the range covers ${length} days; at most ${MAX_COST_DAYS} are allowed`);
  return { startDate: formatDay(start), endDate: formatDay(end) };
}

/** Every day of the range, oldest first. */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  const end = Date.parse(`${range.endDate}T00:00:00.000Z`);
  for (let day = Date.parse(`${range.startDate}T00:00:00.000Z`); day <= end; day += DAY_MS) out.push(formatDay(day));
  return out;
}
