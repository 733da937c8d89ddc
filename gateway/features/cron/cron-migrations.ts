import type { FeatureMigration } from '../../core/feature.js';

/** The cron feature's tables: jobs (the job document as JSON) and their run history. */
export const CRON_MIGRATIONS: readonly FeatureMigration[] = [
  {
    id: '001-jobs-and-runs',
    up(db) {
      db.exec(`CREATE TABLE cron_jobs (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL
      ) STRICT`);
      db.exec(`CREATE TABLE cron_runs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL,
        run_id TEXT,
        ts INTEGER NOT NULL,
        status TEXT NOT NULL,
        run_at_ms INTEGER,
        duration_ms INTEGER,
        error TEXT,
        summary TEXT,
        next_run_at_ms INTEGER,
        session_key TEXT,
        delivery_status TEXT,
        delivery_error TEXT
      ) STRICT`);
      db.exec('CREATE INDEX cron_runs_by_job ON cron_runs (job_id, seq)');
    },
  },
];
