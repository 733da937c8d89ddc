import { describe, expect, it } from 'vitest';
import { BatchedRunInserts } from '../../../gateway/agent/store/batched-run-inserts.js';
import { RunsRepository, type RunRecord } from '../../../gateway/agent/store/runs-repository.js';
import { openDatabase } from '../../../gateway/core/store/database.js';

function row(runId: string): RunRecord {
  return { runId, kind: 'chat', sessionKey: 'agent:main:main', agentId: 'main', status: 'queued', acceptedAtMs: 1, request: { message: runId } };
}

describe('accepted runs inserted together', () => {
  it('stores the rows added in one tick in one commit, after that tick, and says when each is stored', async () => {
    const database = openDatabase(':memory:');
    const runs = new RunsRepository(database);
    const inserts = new BatchedRunInserts(database, runs);
    const stored = ['a', 'b', 'c'].map((runId) => inserts.add(row(runId)));
    // Nothing is written while the tick that accepted them is still running.
    expect(runs.get('chat', 'a')).toBeUndefined();
    await Promise.all(stored);
    expect(['a', 'b', 'c'].map((runId) => runs.get('chat', runId)?.request)).toEqual([{ message: 'a' }, { message: 'b' }, { message: 'c' }]);

    // A later tick starts a new batch.
    await inserts.add(row('d'));
    expect(runs.get('chat', 'd')?.status).toBe('queued');
  });

  it('refuses every row of a batch whose commit fails, and keeps none of them', async () => {
    const database = openDatabase(':memory:');
    const runs = new RunsRepository(database);
    const inserts = new BatchedRunInserts(database, runs);
    // A row that breaks the table's NOT NULL rule fails the batch it is in.
    const broken = { ...row('y'), sessionKey: null as unknown as string };
    const outcomes = await Promise.allSettled([inserts.add(row('x')), inserts.add(broken)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(runs.get('chat', 'x')).toBeUndefined();
    await inserts.add(row('z'));
    expect(runs.get('chat', 'z')?.status).toBe('queued');
  });
});
