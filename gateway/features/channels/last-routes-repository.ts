import { prepared, type Database } from '../../core/store/database.js';

export interface LastRoute {
  readonly channel: string;
  readonly accountId: string;
  /** The chat to deliver to. */
  readonly to: string;
  readonly updatedAt: number;
}

/**
 * The chat each main session last heard from (research note §3 "updateLastRoute"): cron,
 * heartbeat and `deliver` use it as the "last" target.
 */
/** A route already stored is written again only to move its time on, at most this often. */
const UNCHANGED_REWRITE_MS = 60_000;

export class LastRoutesRepository {
  /** What this process last wrote per session: a DM from the same chat as before writes nothing. */
  private readonly written = new Map<string, LastRoute>();

  constructor(private readonly db: Database) {}

  record(sessionKey: string, route: LastRoute): void {
    const previous = this.written.get(sessionKey);
    if (previous && previous.channel === route.channel && previous.accountId === route.accountId && previous.to === route.to && route.updatedAt - previous.updatedAt < UNCHANGED_REWRITE_MS) return;
    this.written.set(sessionKey, route);
    prepared(this.db, `INSERT INTO channel_last_routes (session_key, channel, account_id, target, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session_key) DO UPDATE SET channel = excluded.channel, account_id = excluded.account_id, target = excluded.target, updated_at = excluded.updated_at`).run(
      sessionKey, route.channel, route.accountId, route.to, route.updatedAt,
    );
  }

  get(sessionKey: string): LastRoute | undefined {
    const row = prepared(this.db, 'SELECT channel, account_id, target, updated_at FROM channel_last_routes WHERE session_key = ?').get(sessionKey) as
      | { channel: string; account_id: string; target: string; updated_at: number }
      | undefined;
    return row ? { channel: row.channel, accountId: row.account_id, to: row.target, updatedAt: row.updated_at } : undefined;
  }
}
