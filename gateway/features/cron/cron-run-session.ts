import { randomUUID } from 'node:crypto';
import type { SessionRecord, SessionsRepository } from '../../agent/store/sessions-repository.js';
import { transaction, type Database } from '../../core/store/database.js';

export interface RunSessionDeps {
  readonly sessions: Pick<SessionsRepository, 'get' | 'delete' | 'save'>;
  readonly database: Database;
  /** Turns running or queued in a session: a session in use keeps its id. */
  activeRuns(sessionKey: string): number;
  now(): number;
}

/**
 * An isolated run starts a fresh session under the job's key (OpenClaw: a new sessionId per run,
 * the key `agent:<agentId>:cron:<jobId>` kept), as `sessions.reset` does: label and overrides
 * stay, the earlier runs' transcripts stay under their old ids until `cron.sessionRetention`.
 */
export function startFreshRunSession(deps: RunSessionDeps, sessionKey: string): void {
  const session = deps.sessions.get(sessionKey);
  if (!session || deps.activeRuns(sessionKey) > 0) return;
  const now = deps.now();
  const fresh: SessionRecord = { ...session, sessionId: randomUUID(), createdAtMs: now, updatedAtMs: now };
  delete fresh.compactedSummary;
  transaction(deps.database, () => {
    deps.sessions.delete(sessionKey);
    deps.sessions.save(fresh);
  });
}
