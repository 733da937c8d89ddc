import type { CronRunLogEntry } from '../../../shared/protocol/cron/results.js';
import { prepared, type Database } from '../../core/store/database.js';
import type { CronJob } from './cron-job.js';

/** Runs kept per job; older ones are pruned as new ones land (OpenClaw keeps 2000 lines). */
export const RUNS_KEPT_PER_JOB = 2_000;
/**
 * Skipped runs kept per job, on their own count: a job every second that runs for a minute skips
 * 59 slots a run, and those must not push its real runs out of the history.
 */
export const SKIPPED_RUNS_KEPT_PER_JOB = 500;

interface RunRow {
  job_id: string;
  run_id: string | null;
  ts: number;
  status: string;
  run_at_ms: number | null;
  duration_ms: number | null;
  error: string | null;
  summary: string | null;
  next_run_at_ms: number | null;
  session_key: string | null;
  delivery_status: string | null;
  delivery_error: string | null;
}

function entryOf(row: RunRow): CronRunLogEntry {
  const entry: Record<string, unknown> = { ts: row.ts, jobId: row.job_id, action: 'finished', status: row.status };
  if (row.run_id !== null) entry.runId = row.run_id;
  if (row.error !== null) entry.error = row.error;
  if (row.summary !== null) entry.summary = row.summary;
  if (row.run_at_ms !== null) entry.runAtMs = row.run_at_ms;
  if (row.duration_ms !== null) entry.durationMs = row.duration_ms;
  if (row.next_run_at_ms !== null) entry.nextRunAtMs = row.next_run_at_ms;
  if (row.session_key !== null) entry.sessionKey = row.session_key;
  if (row.delivery_status !== null) entry.deliveryStatus = row.delivery_status;
  if (row.delivery_error !== null) entry.deliveryError = row.delivery_error;
  return entry as CronRunLogEntry;
}

/** Jobs and their run history in the gateway's SQLite store (config.md §6). */
export class CronRepository {
  constructor(private readonly db: Database) {}

  allJobs(): CronJob[] {
    // One JSON array parsed once: 10,000 rows read as row objects and parsed one by one cost
    // several times more at start-up.
    const row = prepared(this.db, "SELECT '[' || coalesce(group_concat(body, ','), '') || ']' AS jobs FROM cron_jobs").get() as { jobs: string };
    return JSON.parse(row.jobs) as CronJob[];
  }

  saveJob(job: CronJob): void {
    prepared(this.db, 'INSERT INTO cron_jobs (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body').run(job.id, JSON.stringify(job));
  }

  deleteJob(id: string): boolean {
    return Number(prepared(this.db, 'DELETE FROM cron_jobs WHERE id = ?').run(id).changes) > 0;
  }

  addRun(entry: CronRunLogEntry): void {
    prepared(
      this.db,
      `INSERT INTO cron_runs (job_id, run_id, ts, status, run_at_ms, duration_ms, error, summary, next_run_at_ms, session_key, delivery_status, delivery_error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.jobId,
      entry.runId ?? null,
      entry.ts,
      entry.status ?? 'ok',
      entry.runAtMs ?? null,
      entry.durationMs ?? null,
      entry.error ?? null,
      entry.summary ?? null,
      entry.nextRunAtMs ?? null,
      entry.sessionKey ?? null,
      entry.deliveryStatus ?? null,
      entry.deliveryError ?? null,
    );
    // Skipped runs and the others are bounded apart (?3 is 1 for the skipped ones).
    const skipped = entry.status === 'skipped' ? 1 : 0;
    prepared(
      this.db,
      `DELETE FROM cron_runs WHERE job_id = ?1 AND (status = 'skipped') = ?3 AND seq <= (
         SELECT seq FROM cron_runs WHERE job_id = ?1 AND (status = 'skipped') = ?3 ORDER BY seq DESC LIMIT 1 OFFSET ?2)`,
    ).run(entry.jobId, skipped === 1 ? SKIPPED_RUNS_KEPT_PER_JOB : RUNS_KEPT_PER_JOB, skipped);
  }

  /**
   * The latest `limit` runs of a job, oldest first (as `cron.runs` answers). Skipped runs are left
   * out in the query, so they never take the place of real runs within `limit`.
   */
  runs(jobId: string, limit: number, options: { includeSkipped?: boolean } = {}): CronRunLogEntry[] {
    const rows = (
      options.includeSkipped
        ? prepared(this.db, 'SELECT * FROM cron_runs WHERE job_id = ? ORDER BY seq DESC LIMIT ?')
        : prepared(this.db, "SELECT * FROM cron_runs WHERE job_id = ? AND status != 'skipped' ORDER BY seq DESC LIMIT ?")
    ).all(jobId, limit) as unknown as RunRow[];
    return rows.reverse().map(entryOf);
  }

  /** Whether any run of the job is recorded (a removed job's history stays readable). */
  hasRuns(jobId: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM cron_runs WHERE job_id = ? LIMIT 1').get(jobId) !== undefined;
  }
}
