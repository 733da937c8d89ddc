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
  const created = newSession(start);
  store.sessions.save(created);
  return { session: created, created: true };
}

function newSession(start: RunStart): SessionRecord {
  return {
    sessionKey: start.sessionKey,
    sessionId: randomUUID(),
    agentId: start.agentId,
    settings: {},
    createdAtMs: start.startedAt,
    updatedAtMs: start.startedAt,
  };
}

function appendUserMessage(store: GatewayStore, session: SessionRecord, start: RunStart): void {
  if (start.resume) return;
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
    appendUserMessage(store, session, start);
    return { session, systemEvents, history };
  });
}

/** What a start read without writing: writeDeferredRunStart writes the rest later. */
export interface DeferredRunStart extends StartedRunRecord {
  /** The session does not exist yet: `session` is the one to create. */
  readonly created: boolean;
}

/**
 * The reads of a run's start without its writes, so the model request can go out first: the
 * session (or the one its first run will create), and the history. Undefined when system events
 * wait for the session: taking them must be one transaction with the rest (recordRunStart), or a
 * crash in between would lose them (and two main sessions could take the same global event).
 */
export function readRunStart(store: GatewayStore, start: RunStart): DeferredRunStart | undefined {
  const existing = store.sessions.get(start.sessionKey);
  if (store.systemEvents.queuedCountFor(start.sessionKey, isMainSessionKey(start.sessionKey)) > 0) return undefined;
  if (!existing) return { session: newSession(start), created: true, systemEvents: [], history: [] };
  return { session: existing, created: false, systemEvents: [], history: store.transcript.context(existing.sessionKey, existing.sessionId) };
}

/**
 * The writes readRunStart left out: the run is running, its session exists, its user message is
 * in the transcript. The caller runs them in a transaction (DeferredStartWrites commits those of
 * several runs at once). Until that commits the run is still queued in the store, so a crash
 * before it starts the run again after the restart, as a crash before any start does. A session
 * someone else created in between is kept (and touched), not replaced.
 */
export function writeDeferredRunStart(store: GatewayStore, start: RunStart, read: DeferredRunStart): void {
  store.runs.started(start.kind, start.runId, start.startedAt);
  if (read.created && !store.sessions.get(start.sessionKey)) store.sessions.save(read.session);
  else store.sessions.touch(start.sessionKey, start.startedAt);
  appendUserMessage(store, read.session, start);
}
