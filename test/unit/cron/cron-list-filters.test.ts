import { describe, expect, it } from 'vitest';
import type { CronJob } from '../../../gateway/features/cron/cron-job.js';
import { filterJobs, filterRuns } from '../../../gateway/features/cron/cron-list-filters.js';

function job(id: string, name: string, fields: Partial<CronJob> = {}): CronJob {
  return {
    id,
    name,
    enabled: true,
    createdAtMs: 0,
    updatedAtMs: 0,
    schedule: { kind: 'cron', expr: '0 8 * * 1-5', tz: 'Europe/Berlin' },
    sessionTarget: 'isolated',
    wakeMode: 'now',
    payload: { kind: 'agentTurn', message: `summarise ${name}` },
    state: {},
    ...fields,
  };
}

const jobs = [
  job('a', 'Inbox', { state: { nextRunAtMs: 300, lastStatus: 'ok' }, updatedAtMs: 1 }),
  job('b', 'backup', { enabled: false, schedule: { kind: 'every', everyMs: 60_000, anchorMs: 0 }, updatedAtMs: 3 }),
  job('c', 'Calendar', { state: { nextRunAtMs: 100, lastStatus: 'error' }, updatedAtMs: 2 }),
];

describe('cron.list filters (protocol 4)', () => {
  it('filters by enabled, schedule kind, last status and a query over id, name and payload', () => {
    expect(filterJobs(jobs, { enabled: 'disabled' }).map((j) => j.id)).toEqual(['b']);
    expect(filterJobs(jobs, { enabled: 'enabled' }).map((j) => j.id)).toEqual(['a', 'c']);
    expect(filterJobs(jobs, { scheduleKind: 'every' }).map((j) => j.id)).toEqual(['b']);
    expect(filterJobs(jobs, { lastRunStatus: 'error' }).map((j) => j.id)).toEqual(['c']);
    expect(filterJobs(jobs, { lastRunStatus: 'unknown' }).map((j) => j.id)).toEqual(['b']);
    expect(filterJobs(jobs, { query: 'SUMMARISE cal' }).map((j) => j.id)).toEqual(['c']);
  });

  it('sorts by next run (none last), name or update time, either way', () => {
    expect(filterJobs(jobs, { sortBy: 'nextRunAtMs' }).map((j) => j.id)).toEqual(['c', 'a', 'b']);
    expect(filterJobs(jobs, { sortBy: 'name', sortDir: 'desc' }).map((j) => j.id)).toEqual(['a', 'c', 'b']);
    expect(filterJobs(jobs, { sortBy: 'updatedAtMs' }).map((j) => j.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('cron.runs filters (protocol 4)', () => {
  const entries = [
    { ts: 1, jobId: 'a', action: 'finished' as const, runId: 'r1', status: 'ok' as const, summary: 'all quiet' },
    { ts: 2, jobId: 'a', action: 'finished' as const, status: 'missed' as const },
    { ts: 3, jobId: 'a', action: 'finished' as const, runId: 'r3', status: 'error' as const, error: 'provider down', deliveryStatus: 'not-delivered' as const },
  ];

  it('filters by status(es), delivery, run id and text, newest first on request, with an offset', () => {
    expect(filterRuns(entries, { status: 'missed' }).map((e) => e.ts)).toEqual([2]);
    expect(filterRuns(entries, { statuses: ['ok', 'error'] }).map((e) => e.ts)).toEqual([1, 3]);
    expect(filterRuns(entries, { deliveryStatus: 'unknown' }).map((e) => e.ts)).toEqual([1, 2]);
    expect(filterRuns(entries, { runId: 'r3' }).map((e) => e.ts)).toEqual([3]);
    expect(filterRuns(entries, { query: 'DOWN' }).map((e) => e.ts)).toEqual([3]);
    expect(filterRuns(entries, { sortDir: 'desc', offset: 1 }).map((e) => e.ts)).toEqual([2, 1]);
  });
});
