import { describe, expect, it } from 'vitest';
import { transaction } from '../../../gateway/core/store/database.js';
import { readRunStart, writeDeferredRunStart, type DeferredRunStart, type RunStart } from '../../../gateway/agent/run-start-record.js';
import type { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';
import { tempStores } from '../../helpers/temp-store.js';

const openStore = tempStores('run-start-');

function recordDeferredRunStart(store: GatewayStore, start: RunStart, read: DeferredRunStart): void {
  transaction(store.database, () => writeDeferredRunStart(store, start, read));
}

function acceptedRun(store: GatewayStore, runId: string, sessionKey: string): RunStart {
  store.runs.insert({ runId, kind: 'chat', sessionKey, agentId: 'main', status: 'queued', acceptedAtMs: 1_000 });
  return { kind: 'chat', runId, sessionKey, agentId: 'main', message: `hello from ${runId}`, attachments: [], startedAt: 2_000 };
}

describe('a run start whose writes come after the model request', () => {
  it('reads without writing: until the writes run the run is still queued and its message is not in the transcript', () => {
    const store = openStore();
    const start = acceptedRun(store, 'run-1', 'agent:main:new');
    const read = readRunStart(store, start);
    expect(read).toMatchObject({ created: true, history: [], systemEvents: [] });
    expect(store.runs.get('chat', 'run-1')?.status).toBe('queued');
    expect(store.sessions.get('agent:main:new')).toBeUndefined();

    recordDeferredRunStart(store, start, read!);
    expect(store.runs.get('chat', 'run-1')).toMatchObject({ status: 'running', startedAtMs: 2_000 });
    const session = store.sessions.get('agent:main:new');
    expect(session?.sessionId).toBe(read!.session.sessionId);
    expect(store.transcript.context('agent:main:new', session!.sessionId).map((row) => row.role)).toEqual(['user']);
  });

  it('gives the next run of the session its history, and keeps a session someone created in between', () => {
    const store = openStore();
    const first = acceptedRun(store, 'run-1', 'agent:main:chat');
    const firstRead = readRunStart(store, first)!;
    // Another writer creates the session before the deferred writes: it is kept, not replaced.
    store.sessions.save({ ...firstRead.session, sessionId: 'created-meanwhile', settings: { thinkingLevel: 'high' } });
    recordDeferredRunStart(store, first, firstRead);
    expect(store.sessions.get('agent:main:chat')).toMatchObject({ sessionId: 'created-meanwhile', settings: { thinkingLevel: 'high' }, updatedAtMs: 2_000 });

    const second = acceptedRun(store, 'run-2', 'agent:main:chat');
    store.transcript.append({ sessionKey: 'agent:main:chat', sessionId: 'created-meanwhile', runId: 'run-0', role: 'user', content: [{ type: 'text', text: 'earlier' }], meta: {}, ts: 1 });
    const secondRead = readRunStart(store, second)!;
    expect(secondRead.created).toBe(false);
    expect(secondRead.history.map((row) => row.content)).toEqual([[{ type: 'text', text: 'earlier' }]]);
  });

  it('leaves a start with queued system events to the one-transaction path', () => {
    const store = openStore();
    store.systemEvents.enqueue({ ts: 1, text: 'deploy finished', sessionKey: 'agent:main:main', source: 'test' });
    const start = acceptedRun(store, 'run-1', 'agent:main:main');
    expect(readRunStart(store, start)).toBeUndefined();
    expect(store.systemEvents.queuedCountFor('agent:main:main', true)).toBe(1);
  });
});
