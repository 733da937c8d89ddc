import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import type { CronJob } from '../../gateway/features/cron/cron-job.js';
import { nextRunFrom } from '../../gateway/features/cron/cron-schedule.js';

/**
 * Writes jobs straight into a stopped gateway's store, as 10,000 `cron.add` calls would have left
 * it (the control-plane write limit allows 30 a minute, so adding them over the wire would take
 * hours). The rows are the scheduler's own shape (CronJob), next runs computed by its own code.
 */

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'] as const;
const DAY_MS = 86_400_000;

function storeFile(stateDir: string): string {
  return join(stateDir, 'gatehouse.sqlite');
}

/** A realistic mix: daily/weekday cron expressions in four zones, hourly-ish intervals, isolated agent turns. */
function jobAt(index: number, now: number): CronJob {
  const id = `bench-${String(index).padStart(5, '0')}`;
  const kind = index % 3;
  const schedule: CronJob['schedule'] =
    kind === 0
      ? { kind: 'cron', expr: `${index % 60} ${index % 24} * * ${index % 2 === 0 ? '*' : '1-5'}`, tz: ZONES[index % ZONES.length]! }
      : // Anchored a day ahead so nothing falls due while the bench runs.
        { kind: 'every', everyMs: 3_600_000 * (1 + (index % 12)), anchorMs: now + DAY_MS + index * 1_000 };
  const isolated = kind === 2;
  const job: CronJob = {
    id,
    name: `bench job ${index}`,
    enabled: true,
    createdAtMs: now,
    updatedAtMs: now,
    schedule,
    sessionTarget: isolated ? 'isolated' : 'main',
    wakeMode: 'next-heartbeat',
    payload: isolated ? { kind: 'agentTurn', message: `Summarise report ${index}.` } : { kind: 'systemEvent', text: `Reminder ${index}: check the queue.` },
    state: {},
  };
  // The hourly cron slot may be minutes away: push those a day on, so only the bench's rounds fire.
  const next = nextRunFrom(job.schedule, now + DAY_MS);
  if (next !== undefined) job.state.nextRunAtMs = next;
  return job;
}

/** Inserts `count` jobs; returns their ids. The gateway must have started once (the tables exist) and be stopped. */
export function seedJobs(stateDir: string, count: number, now: number): string[] {
  const db = new DatabaseSync(storeFile(stateDir));
  const ids: string[] = [];
  try {
    const insert = db.prepare('INSERT INTO cron_jobs (id, body) VALUES (?, ?)');
    db.exec('BEGIN');
    for (let index = 0; index < count; index += 1) {
      const job = jobAt(index, now);
      insert.run(job.id, JSON.stringify(job));
      ids.push(job.id);
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  return ids;
}

/**
 * Makes `ids` (main-session reminders, the cheapest payload) fall due in rounds: round r's jobs all
 * at `firstDueAt + r × spacingMs`, to the millisecond, as cron expressions fire on the minute.
 * Returns each job's due time.
 */
export function scheduleDueRounds(stateDir: string, ids: readonly string[], perRound: number, firstDueAt: number, spacingMs: number): Map<string, number> {
  const db = new DatabaseSync(storeFile(stateDir));
  const due = new Map<string, number>();
  try {
    const read = db.prepare('SELECT body FROM cron_jobs WHERE id = ?');
    const write = db.prepare('UPDATE cron_jobs SET body = ? WHERE id = ?');
    db.exec('BEGIN');
    ids.forEach((id, index) => {
      const row = read.get(id) as { body: string } | undefined;
      if (!row) throw new Error(`seeded job ${id} is missing`);
      const job = JSON.parse(row.body) as CronJob;
      const at = firstDueAt + Math.floor(index / perRound) * spacingMs;
      const updated: CronJob = {
        ...job,
        schedule: { kind: 'every', everyMs: DAY_MS, anchorMs: at },
        sessionTarget: 'main',
        payload: { kind: 'systemEvent', text: `Bench reminder ${index}.` },
        state: { nextRunAtMs: at },
      };
      write.run(JSON.stringify(updated), id);
      due.set(id, at);
    });
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  return due;
}
