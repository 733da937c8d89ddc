import type { CronRunLogEntry } from '../../../shared/protocol/cron/results.js';
import type { CronJob } from './cron-job.js';

/** The protocol-4 filters of `cron.list` this gateway applies (the rest are accepted and ignored). */
export interface CronListFilters {
  readonly query?: string;
  readonly enabled?: 'all' | 'enabled' | 'disabled';
  readonly scheduleKind?: string;
  readonly lastRunStatus?: string;
  readonly sortBy?: 'nextRunAtMs' | 'updatedAtMs' | 'name';
  readonly sortDir?: 'asc' | 'desc';
}

function matchesQuery(job: CronJob, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (needle === '') return true;
  const payloadText = job.payload.kind === 'agentTurn' ? job.payload.message : job.payload.text;
  return [job.id, job.name, job.description ?? '', payloadText].some((text) => text.toLowerCase().includes(needle));
}

function sortKey(job: CronJob, by: NonNullable<CronListFilters['sortBy']>): number | string {
  if (by === 'name') return job.name.toLowerCase();
  if (by === 'updatedAtMs') return job.updatedAtMs;
  // Jobs with no next run (disabled, finished one-shots) sort last either way.
  return job.state.nextRunAtMs ?? Number.MAX_SAFE_INTEGER;
}

/** Whether the filters narrow or reorder the list by next run at all (most calls set none). */
export function narrowsOrSorts(filters: CronListFilters): boolean {
  return (
    filters.enabled === 'disabled' ||
    (filters.scheduleKind !== undefined && filters.scheduleKind !== 'all') ||
    (filters.lastRunStatus !== undefined && filters.lastRunStatus !== 'all') ||
    filters.query !== undefined ||
    filters.sortBy !== undefined ||
    filters.sortDir !== undefined
  );
}

export function filterJobs(jobs: readonly CronJob[], filters: CronListFilters): CronJob[] {
  let result = jobs.filter((job) => {
    if (filters.enabled === 'enabled' && !job.enabled) return false;
    if (filters.enabled === 'disabled' && job.enabled) return false;
    if (filters.scheduleKind !== undefined && filters.scheduleKind !== 'all' && job.schedule.kind !== filters.scheduleKind) return false;
    if (filters.lastRunStatus !== undefined && filters.lastRunStatus !== 'all') {
      const last = job.state.lastStatus ?? 'unknown';
      if (last !== filters.lastRunStatus) return false;
    }
    return filters.query === undefined || matchesQuery(job, filters.query);
  });
  if (filters.sortBy !== undefined || filters.sortDir !== undefined) {
    const by = filters.sortBy ?? 'nextRunAtMs';
    const direction = filters.sortDir === 'desc' ? -1 : 1;
    result = [...result].sort((a, b) => {
      const left = sortKey(a, by);
      const right = sortKey(b, by);
      return (left < right ? -1 : left > right ? 1 : 0) * direction;
    });
  }
  return result;
}

/** The protocol-4 filters of `cron.runs` this gateway applies. */
export interface CronRunsFilters {
  readonly runId?: string;
  readonly status?: string;
  readonly statuses?: readonly string[];
  readonly deliveryStatus?: string;
  readonly deliveryStatuses?: readonly string[];
  readonly query?: string;
  readonly sortDir?: 'asc' | 'desc';
  readonly offset?: number;
}

/** Oldest first, as stored; `sortDir: "desc"` for newest first. */
export function filterRuns(entries: readonly CronRunLogEntry[], filters: CronRunsFilters): CronRunLogEntry[] {
  const statuses = filters.statuses ?? (filters.status !== undefined && filters.status !== 'all' ? [filters.status] : undefined);
  const deliveries = filters.deliveryStatuses ?? (filters.deliveryStatus !== undefined ? [filters.deliveryStatus] : undefined);
  const needle = filters.query?.trim().toLowerCase() ?? '';
  let result = entries.filter(
    (entry) =>
      (filters.runId === undefined || entry.runId === filters.runId) &&
      (statuses === undefined || statuses.includes(entry.status ?? '')) &&
      (deliveries === undefined || deliveries.includes(entry.deliveryStatus ?? 'unknown')) &&
      (needle === '' || `${entry.summary ?? ''} ${entry.error ?? ''}`.toLowerCase().includes(needle)),
  );
  if (filters.sortDir === 'desc') result = [...result].reverse();
  return filters.offset ? result.slice(filters.offset) : result;
}
