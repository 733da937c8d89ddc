import { prepared, type Database } from '../../core/store/database.js';

/** Isolated runs live under `agent:<agentId>:cron:<jobId>` (research note §1). */
const CRON_SESSION_KEYS = 'agent:%:cron:%';
/** Sweeps run after isolated runs, but not more often than this. */
export const SWEEP_INTERVAL_MS = 5 * 60_000;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `cron.sessionRetention` in milliseconds: "24h" (the default), "7d", "90m"; a bare number is hours;
 * `false` or zero turns pruning off (0). The config schema has already refused other text.
 */
export function retentionMs(value: string | false | undefined): number {
  if (value === false) return 0;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec((value ?? '24h').trim());
  if (!match) return 0;
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? 'h'] ?? 0));
}

export interface RetentionSweep {
  sessions: number;
  messages: number;
  runs: number;
}

export interface CronSessionRetentionDeps {
  retentionMs(): number;
  now(): number;
  /** A session with a turn running or queued is never pruned. */
  isActive(sessionKey: string): boolean;
  readonly logger?: { info(fields: object, message: string): void };
}

/**
 * `cron.sessionRetention`: each isolated run starts a fresh session under the job's key, so old
 * runs pile up as transcripts under earlier session ids. Those older than the retention go, with
 * their finished agent-run rows, and so does the session of a job that has not run for that long.
 */
export class CronSessionRetention {
  private lastSweepAt: number | undefined;

  constructor(
    private readonly db: Database,
    private readonly deps: CronSessionRetentionDeps,
  ) {}

  /** A sweep unless one ran within SWEEP_INTERVAL_MS. */
  sweepIfDue(): RetentionSweep | undefined {
    const now = this.deps.now();
    if (this.lastSweepAt !== undefined && now - this.lastSweepAt < SWEEP_INTERVAL_MS) return undefined;
    return this.sweep();
  }

  sweep(): RetentionSweep {
    const now = this.deps.now();
    this.lastSweepAt = now;
    const keep = this.deps.retentionMs();
    if (keep <= 0) return { sessions: 0, messages: 0, runs: 0 };
    const cutoff = now - keep;
    const stale = prepared(this.db, 'SELECT session_key FROM sessions WHERE session_key LIKE ? AND updated_at < ?').all(CRON_SESSION_KEYS, cutoff) as { session_key: string }[];
    let sessions = 0;
    for (const { session_key: key } of stale) {
      if (this.deps.isActive(key)) continue;
      sessions += Number(prepared(this.db, 'DELETE FROM sessions WHERE session_key = ?').run(key).changes);
    }
    // Transcripts of runs that are no longer a live session, whose last message is past the cutoff.
    const messages = Number(
      prepared(
        this.db,
        `DELETE FROM transcript_messages WHERE session_key LIKE ?1 AND session_id IN (
           SELECT t.session_id FROM transcript_messages t
           WHERE t.session_key LIKE ?1
             AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.session_key = t.session_key AND s.session_id = t.session_id)
           GROUP BY t.session_id HAVING max(t.ts) < ?2)`,
      ).run(CRON_SESSION_KEYS, cutoff).changes,
    );
    const runs = Number(
      prepared(this.db, "DELETE FROM agent_runs WHERE session_key LIKE ? AND status IN ('ok', 'error', 'timeout') AND coalesce(ended_at, accepted_at) < ?").run(
        CRON_SESSION_KEYS,
        cutoff,
      ).changes,
    );
    if (sessions + messages + runs > 0) this.deps.logger?.info({ sessions, messages, runs, retentionMs: keep }, 'cron: pruned old isolated-run sessions');
    return { sessions, messages, runs };
  }
}
