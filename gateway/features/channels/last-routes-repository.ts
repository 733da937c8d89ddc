import { prepared, transaction, type Database } from '../../core/store/database.js';

export interface LastRoute {
  readonly channel: string;
  readonly accountId: string;
  /** The chat to deliver to. */
  readonly to: string;
  readonly updatedAt: number;
}

/** A route already stored is written again only to move its time on, at most this often. */
const UNCHANGED_REWRITE_MS = 60_000;

/**
 * The chat each main session last heard from (research note §3 "updateLastRoute"): cron,
 * heartbeat and `deliver` use it as the "last" target.
 *
 * `record` answers from memory at once; its row is written by `flush`, which the inbound path
 * calls once the turn's model request is out and, at the latest, before the message is marked
 * done in the inbox. A process that dies before the flush still has the message pending in its
 * inbox, so the next start handles it again and records the route again: no route is lost
 * across a restart that the inbox would not bring back.
 */
export class LastRoutesRepository {
  /** What this process last wrote per session: a DM from the same chat as before writes nothing. */
  private readonly written = new Map<string, LastRoute>();
  /** Recorded, row not yet written (the newest per session). */
  private readonly unwritten = new Map<string, LastRoute>();

  constructor(private readonly db: Database) {}

  record(sessionKey: string, route: LastRoute): void {
    const previous = this.unwritten.get(sessionKey) ?? this.written.get(sessionKey);
    if (previous && previous.channel === route.channel && previous.accountId === route.accountId && previous.to === route.to && route.updatedAt - previous.updatedAt < UNCHANGED_REWRITE_MS) return;
    this.unwritten.set(sessionKey, route);
  }

  /** Writes the recorded routes' rows, all in one transaction; a failure keeps them for the next flush. */
  flush(): void {
    if (this.unwritten.size === 0) return;
    const routes = [...this.unwritten];
    const upsert = prepared(this.db, `INSERT INTO channel_last_routes (session_key, channel, account_id, target, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session_key) DO UPDATE SET channel = excluded.channel, account_id = excluded.account_id, target = excluded.target, updated_at = excluded.updated_at`);
    const write = () => {
      for (const [sessionKey, route] of routes) upsert.run(sessionKey, route.channel, route.accountId, route.to, route.updatedAt);
    };
    // One row (the usual case) commits on its own: BEGIN and COMMIT cost as much again as the upsert.
    if (routes.length === 1) write();
    else transaction(this.db, write);
    for (const [sessionKey, route] of routes) this.written.set(sessionKey, route);
    this.unwritten.clear();
  }

  get(sessionKey: string): LastRoute | undefined {
    const unwritten = this.unwritten.get(sessionKey);
    if (unwritten) return unwritten;
    const row = prepared(this.db, 'SELECT channel, account_id, target, updated_at FROM channel_last_routes WHERE session_key = ?').get(sessionKey) as
      | { channel: string; account_id: string; target: string; updated_at: number }
      | undefined;
    return row ? { channel: row.channel, accountId: row.account_id, to: row.target, updatedAt: row.updated_at } : undefined;
  }
}
