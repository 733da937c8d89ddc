import type { FeatureMigration } from '../../core/feature.js';

/** The heartbeat feature's tables: the switch, each agent's last run and last delivered alert. */
export const HEARTBEAT_MIGRATIONS: readonly FeatureMigration[] = [
  {
    id: '001-heartbeat-state',
    up(db) {
      db.exec(`
        CREATE TABLE heartbeat_switch (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          enabled INTEGER NOT NULL,
          changed_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE heartbeat_last_event (
          agent_id TEXT PRIMARY KEY,
          ts INTEGER NOT NULL,
          event TEXT NOT NULL
        ) STRICT;
        CREATE TABLE heartbeat_last_alert (
          agent_id TEXT PRIMARY KEY,
          text TEXT NOT NULL,
          sent_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];
