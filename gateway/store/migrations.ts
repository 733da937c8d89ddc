// Append-only: a released migration is never edited, only followed by a new one.
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'devices, tokens, pairing requests, system events',
    sql: `
      CREATE TABLE devices (
        device_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        display_name TEXT,
        platform TEXT,
        device_family TEXT,
        client_id TEXT,
        client_mode TEXT,
        roles TEXT NOT NULL,
        scopes TEXT NOT NULL,
        approved_at INTEGER NOT NULL,
        approved_by TEXT NOT NULL,
        remote_ip TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_seen_at INTEGER
      );
      CREATE TABLE device_tokens (
        device_id TEXT NOT NULL REFERENCES devices(device_id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        rotated_at INTEGER,
        revoked_at INTEGER,
        last_used_at INTEGER,
        PRIMARY KEY (device_id, role)
      );
      CREATE TABLE device_pair_requests (
        request_id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        request TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        resolved_at INTEGER
      );
      CREATE INDEX device_pair_requests_pending ON device_pair_requests(status, expires_at);
      CREATE TABLE system_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts INTEGER NOT NULL,
        text TEXT NOT NULL,
        session_key TEXT,
        source TEXT NOT NULL,
        consumed_at INTEGER
      );
    `,
  },
];
