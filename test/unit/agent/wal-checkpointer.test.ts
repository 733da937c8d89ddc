import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';

// Checkpoints move to a worker thread: commits on the event loop no longer copy the WAL into the
// database file; the worker does, and the store closes cleanly with it running.

describe('background WAL checkpoints', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function openStore(): GatewayStore {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-wal-'));
    dirs.push(dir);
    return GatewayStore.open(dir);
  }

  function writeRuns(store: GatewayStore, count: number): void {
    for (let index = 0; index < count; index += 1) {
      store.runs.insert({
        runId: `run-${index}`,
        kind: 'chat',
        sessionKey: 'agent:main:main',
        agentId: 'main',
        status: 'queued',
        acceptedAtMs: index,
        request: { message: 'x'.repeat(2_000), attachments: [] },
      });
    }
  }

  it('copies committed pages into the database file from the worker, not in the commits', async () => {
    const store = openStore();
    const failures: unknown[] = [];
    store.checkpointInBackground((error) => failures.push(error));
    const autocheckpoint = store.database.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint: number };
    expect(autocheckpoint.wal_autocheckpoint).toBeGreaterThan(1_000);
    const before = statSync(store.file).size;
    // Far fewer pages than the backstop: no commit here checkpoints on its own.
    writeRuns(store, 300);
    expect(statSync(store.file).size).toBe(before);
    while (statSync(store.file).size === before) await sleep(50);
    expect(failures).toEqual([]);
    expect(store.runs.unfinished()).toHaveLength(300);
    store.close();
    const reopened = GatewayStore.open(join(store.file, '..'));
    expect(reopened.runs.unfinished()).toHaveLength(300);
    reopened.close();
  });

  it('is started once however often it is asked, and not at all after close', () => {
    const store = openStore();
    store.checkpointInBackground(() => undefined);
    store.checkpointInBackground(() => undefined);
    store.close();
    expect(() => store.checkpointInBackground(() => undefined)).not.toThrow();
  });
});
