import type { HeartbeatEvent } from '../../../shared/protocol/health/results.js';
import { prepared, type Database } from '../../core/store/database.js';

/**
 * What heartbeats remember across restarts: the on/off switch (`set-heartbeats`), the last event of
 * each agent (`last-heartbeat`, and when the next one is due) and the last alert delivered (the
 * 24 h duplicate suppression).
 */
export class HeartbeatRepository {
  constructor(private readonly db: Database) {}

  /** Absent until someone used `set-heartbeats`: heartbeats are on by default. */
  switchState(): boolean | undefined {
    const row = prepared(this.db, 'SELECT enabled FROM heartbeat_switch WHERE id = 1').get() as { enabled: number } | undefined;
    return row === undefined ? undefined : row.enabled === 1;
  }

  setSwitch(enabled: boolean, at: number): void {
    prepared(this.db, 'INSERT INTO heartbeat_switch (id, enabled, changed_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at')
      .run(enabled ? 1 : 0, at);
  }

  recordEvent(agentId: string, event: HeartbeatEvent): void {
    prepared(this.db, 'INSERT INTO heartbeat_last_event (agent_id, ts, event) VALUES (?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET ts = excluded.ts, event = excluded.event')
      .run(agentId, event.ts, JSON.stringify(event));
  }

  /** The newest event of any agent. */
  lastEvent(): HeartbeatEvent | null {
    const row = prepared(this.db, 'SELECT event FROM heartbeat_last_event ORDER BY ts DESC LIMIT 1').get() as { event: string } | undefined;
    return row ? (JSON.parse(row.event) as HeartbeatEvent) : null;
  }

  lastEventOf(agentId: string): HeartbeatEvent | null {
    const row = prepared(this.db, 'SELECT event FROM heartbeat_last_event WHERE agent_id = ?').get(agentId) as { event: string } | undefined;
    return row ? (JSON.parse(row.event) as HeartbeatEvent) : null;
  }

  lastAlert(agentId: string): { text: string; sentAt: number } | undefined {
    const row = prepared(this.db, 'SELECT text, sent_at FROM heartbeat_last_alert WHERE agent_id = ?').get(agentId) as { text: string; sent_at: number } | undefined;
    return row ? { text: row.text, sentAt: row.sent_at } : undefined;
  }

  recordAlert(agentId: string, text: string, at: number): void {
    prepared(this.db, 'INSERT INTO heartbeat_last_alert (agent_id, text, sent_at) VALUES (?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET text = excluded.text, sent_at = excluded.sent_at')
      .run(agentId, text, at);
  }
}
