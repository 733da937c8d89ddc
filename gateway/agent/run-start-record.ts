import { randomUUID } from 'node:crypto';
import { transaction } from '../core/store/database.js';
import type { ImageAttachment } from './attachments.js';
import { userMessageContent } from './agent-turn.js';
import { isMainSessionKey } from './session-keys.js';
import type { GatewayStore } from './store/gateway-store.js';
import type { RunKind } from './store/runs-repository.js';
import type { SessionRecord } from './store/sessions-repository.js';
import type { SystemEventRecord } from './store/system-events-repository.js';
import type { TranscriptMessage } from './store/transcript-repository.js';

export interface RunStart {
  kind: RunKind;
  runId: string;
  sessionKey: string;
  agentId: string;
  message: string;
  attachments: readonly ImageAttachment[];
  /** A run resumed after a restart: its user message is in the transcript already. */
  resume?: boolean;
  startedAt: number;
}

/** What a starting run read from the store: its session, the system events it took, and the history before its message. */
export interface StartedRunRecord {
  session: SessionRecord;
  systemEvents: SystemEventRecord[];
  history: TranscriptMessage[];
}

/** The run's session, created on its first run; `created` means it has no transcript yet. */
function ensureSession(store: GatewayStore, start: RunStart): { session: SessionRecord; created: boolean } {
  const existing = store.sessions.get(start.sessionKey);
  if (existing) {
    store.sessions.touch(start.sessionKey, start.startedAt);
    return { session: existing, created: false };
  }
  const created: SessionRecord = {
    sessionKey: start.sessionKey,
    sessionId: randomUUID(),
    agentId: start.agentId,
    settings: {},
    createdAtMs: start.startedAt,
    updatedAtMs: start.startedAt,
  };
  store.sessions.save(created);
  return { session: created, created: true };
}

/**
 * The store's side of a run's start, in one transaction (one WAL commit instead of four): the run
 * is running, its session exists, the session's queued system events are taken, and its user
 * message is in the transcript — all of it or, after a crash, none (the run is then still queued).
 * The history is read before the user message is written; a resumed run's already holds it.
 */
export function recordRunStart(store: GatewayStore, start: RunStart): StartedRunRecord {
  return transaction(store.database, () => {
    store.runs.started(start.kind, start.runId, start.startedAt);
    const { session, created } = ensureSession(store, start);
    const systemEvents = store.systemEvents.takeForSession(session.sessionKey, isMainSessionKey(session.sessionKey), start.startedAt);
    // A session created just now has a new sessionId: no transcript row can carry it yet.
    const history = created ? [] : store.transcript.context(session.sessionKey, session.sessionId);
    if (!start.resume) {
      store.transcript.append({
        sessionKey: session.sessionKey,
        sessionId: session.sessionId,
        runId: start.runId,
        role: 'user',
        content: userMessageContent(start.message, start.attachments),
        meta: {},
        ts: start.startedAt,
      });
    }
    return { session, systemEvents, history };
  });
}
