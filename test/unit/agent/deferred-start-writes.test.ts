import { describe, expect, it, vi } from 'vitest';
import { ActiveRun } from '../../../gateway/agent/active-run.js';
import { beginRunStart } from '../../../gateway/agent/deferred-run-start.js';
import { DeferredStartWrites } from '../../../gateway/agent/deferred-start-writes.js';
import type { RunEvents } from '../../../gateway/agent/run-events.js';
import { readRunStart, type RunStart } from '../../../gateway/agent/run-start-record.js';
import type { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';
import type { TranscriptMessage } from '../../../gateway/agent/store/transcript-repository.js';
import { tempStores } from '../../helpers/temp-store.js';

const openStore = tempStores('start-writes-');

function acceptedRun(store: GatewayStore, runId: string): RunStart {
  const sessionKey = `agent:main:${runId}`;
  store.runs.insert({ runId, kind: 'chat', sessionKey, agentId: 'main', status: 'queued', acceptedAtMs: 1_000 });
  return { kind: 'chat', runId, sessionKey, agentId: 'main', message: `hello from ${runId}`, attachments: [], startedAt: 2_000 };
}

/** Counts the transactions begun on the store's database. */
function countTransactions(store: GatewayStore): () => number {
  const exec = vi.spyOn(store.database, 'exec');
  return () => exec.mock.calls.filter(([sql]) => sql === 'BEGIN IMMEDIATE').length;
}

function lifecycleEvents(): { events: RunEvents; starts: () => number } {
  const agent = vi.fn();
  return { events: { agent } as unknown as RunEvents, starts: () => agent.mock.calls.filter(([stream]) => stream === 'lifecycle').length };
}

describe('deferred start writes of several runs', () => {
  it('commits the waiting runs in one transaction, whichever run asks first; the others are told at once', () => {
    const store = openStore();
    const writes = new DeferredStartWrites(store);
    const transactions = countTransactions(store);
    const runs = ['run-1', 'run-2', 'run-3'].map((runId) => {
      const start = acceptedRun(store, runId);
      const run = new ActiveRun('chat', runId, start.sessionKey, 'main', 'bench/model');
      const { events, starts } = lifecycleEvents();
      return { start, run, starts, begun: beginRunStart(store, writes, run, events, start) };
    });
    for (const { start } of runs) expect(store.runs.get('chat', start.runId)?.status).toBe('queued');

    runs[1]!.begun.recordStart();
    expect(transactions()).toBe(1);
    for (const { start, starts, begun } of runs) {
      expect(store.runs.get('chat', start.runId)).toMatchObject({ status: 'running', startedAtMs: 2_000 });
      expect(store.sessions.get(start.sessionKey)).toBeDefined();
      expect(starts()).toBe(1);
      expect(begun.startFailure()).toBeUndefined();
    }

    // The others' own calls find their writes done: no second commit, no second event.
    for (const { begun } of runs) begun.recordStart();
    expect(transactions()).toBe(1);
    for (const { starts } of runs) expect(starts()).toBe(1);
  });

  it('rolls back only the run whose writes fail; that run is aborted and gets no start event', () => {
    const store = openStore();
    const writes = new DeferredStartWrites(store);
    const append = store.transcript.append.bind(store.transcript);
    vi.spyOn(store.transcript, 'append').mockImplementation((row: Omit<TranscriptMessage, 'id' | 'compacted'>) => {
      if (row.runId === 'run-2') throw new Error('disk full');
      return append(row);
    });
    const outcomes = ['run-1', 'run-2', 'run-3'].map((runId) => {
      const start = acceptedRun(store, runId);
      const read = readRunStart(store, start)!;
      const outcome = { start, committed: 0, error: undefined as unknown };
      writes.add({ start, read, committed: () => (outcome.committed += 1), failed: (error) => (outcome.error = error) });
      return outcome;
    });
    writes.commitAll();

    const [first, failed, third] = outcomes;
    expect(failed!.error).toEqual(new Error('disk full'));
    expect(failed!.committed).toBe(0);
    // Its `started` update was in the same savepoint as the failed append: rolled back with it.
    expect(store.runs.get('chat', 'run-2')?.status).toBe('queued');
    expect(store.sessions.get('agent:main:run-2')).toBeUndefined();
    for (const outcome of [first!, third!]) {
      expect(outcome).toMatchObject({ committed: 1, error: undefined });
      expect(store.runs.get('chat', outcome.start.runId)?.status).toBe('running');
      const session = store.sessions.get(outcome.start.sessionKey)!;
      expect(store.transcript.context(session.sessionKey, session.sessionId).map((row) => row.role)).toEqual(['user']);
    }
  });

  it('aborts a run whose writes failed, through beginRunStart', () => {
    const store = openStore();
    const writes = new DeferredStartWrites(store);
    const start = acceptedRun(store, 'run-1');
    const run = new ActiveRun('chat', 'run-1', start.sessionKey, 'main', 'bench/model');
    const { events, starts } = lifecycleEvents();
    const begun = beginRunStart(store, writes, run, events, start);
    vi.spyOn(store.runs, 'started').mockImplementation(() => {
      throw new Error('database is locked');
    });
    begun.recordStart();
    expect(begun.startFailure()).toEqual({ error: new Error('database is locked') });
    expect(run.signal.aborted).toBe(true);
    expect(starts()).toBe(0);
  });
});
