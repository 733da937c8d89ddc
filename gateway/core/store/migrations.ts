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
  {
    version: 2,
    name: 'sessions, transcripts, agent runs, usage',
    sql: `
      CREATE TABLE sessions (
        session_key TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        label TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        compacted_summary TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_by_update ON sessions(updated_at DESC);
      CREATE TABLE transcript_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_key TEXT NOT NULL,
        session_id TEXT NOT NULL,
        run_id TEXT,
        role TEXT NOT NULL,
        content TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        ts INTEGER NOT NULL,
        compacted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX transcript_by_session ON transcript_messages(session_key, session_id, id);
      CREATE TABLE agent_runs (
        run_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        session_key TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        status TEXT NOT NULL,
        accepted_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        stop_reason TEXT,
        error TEXT,
        outcome TEXT,
        PRIMARY KEY (kind, run_id)
      );
      CREATE TABLE usage_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts INTEGER NOT NULL,
        day TEXT NOT NULL,
        session_key TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        run_id TEXT,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cache_read_tokens INTEGER NOT NULL DEFAULT 0,
        cache_write_tokens INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX usage_by_day ON usage_records(day);
      CREATE INDEX usage_by_session ON usage_records(session_key);
    `,
  },
  {
    version: 3,
    name: 'nodes: approved capability surface, display names, node pairing requests',
    sql: `
      CREATE TABLE nodes (
        node_id TEXT PRIMARY KEY,
        display_name TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        declared TEXT NOT NULL DEFAULT '{}',
        approved TEXT,
        approved_at INTEGER,
        approved_by TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_connected_at INTEGER,
        last_seen_at INTEGER
      );
      CREATE TABLE node_pair_requests (
        request_id TEXT PRIMARY KEY,
        node_id TEXT NOT NULL,
        request TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolved_by TEXT
      );
      CREATE INDEX node_pair_requests_pending ON node_pair_requests(status, node_id);
    `,
  },
  {
    version: 4,
    name: 'exec approvals: policy documents, allowlist provenance, approval requests',
    sql: `
      CREATE TABLE exec_approval_documents (
        scope TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE exec_allowlist_provenance (
        entry_id TEXT PRIMARY KEY,
        scope TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        approval_id TEXT
      );
      CREATE TABLE exec_approvals (
        id TEXT PRIMARY KEY,
        request TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        decision TEXT,
        resolved_by TEXT,
        resolved_at INTEGER
      );
      CREATE INDEX exec_approvals_pending ON exec_approvals(status);
    `,
  },
  {
    version: 5,
    name: 'agent runs keep their request until they finish, so an acknowledged message survives a crash',
    sql: `
      ALTER TABLE agent_runs ADD COLUMN request TEXT;
      CREATE INDEX agent_runs_unfinished ON agent_runs(status, accepted_at);
      CREATE INDEX transcript_by_run ON transcript_messages(run_id);
    `,
  },
  {
    version: 6,
    name: 'exec approvals: who decided as the connection proved it (device and client id), pinned env of allow-always entries',
    sql: `
      ALTER TABLE exec_approvals ADD COLUMN resolved_by_actor TEXT;
      ALTER TABLE exec_allowlist_provenance ADD COLUMN added_by_actor TEXT;
      ALTER TABLE exec_allowlist_provenance ADD COLUMN pinned_env TEXT;
    `,
  },
  {
    version: 7,
    name: 'system events: the queue of unconsumed events is indexed, so a turn does not scan every event ever queued',
    sql: `
      CREATE INDEX system_events_queued ON system_events(id) WHERE consumed_at IS NULL;
    `,
  },
  {
    version: 8,
    name: 'transcripts: the live rows of a session are indexed, so a turn counts and reads them without visiting compacted rows',
    sql: `
      CREATE INDEX transcript_live ON transcript_messages(session_key, session_id, id) WHERE compacted = 0;
    `,
  },
];
