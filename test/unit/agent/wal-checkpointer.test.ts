import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayStore } from '../../../gateway/agent/store/gateway-store.js';
import { WalCheckpointer } from '../../../gateway/agent/store/wal-checkpointer.js';
import { openDatabase } from '../../../gateway/core/store/database.js';

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
    // More frames than the worker's threshold, far fewer than the backstop: no commit here checkpoints on its own.
    writeRuns(store, 1_200);
    expect(statSync(store.file).size).toBe(before);
    while (statSync(store.file).size === before) await sleep(50);
    expect(failures).toEqual([]);
    expect(store.runs.unfinished()).toHaveLength(1_200);
    store.close();
    const reopened = GatewayStore.open(join(store.file, '..'));
    expect(reopened.runs.unfinished()).toHaveLength(1_200);
    reopened.close();
  });

  describe('when the worker checkpoints', () => {
    function openDatabaseWith(schedule: { checkpointFrames: number; maxDelayMs: number }) {
      const dir = mkdtempSync(join(tmpdir(), 'gatehouse-wal-'));
      dirs.push(dir);
      const file = join(dir, 'test.sqlite');
      const db = openDatabase(file);
      db.exec('CREATE TABLE notes (body TEXT NOT NULL)');
      const checkpointer = new WalCheckpointer(db, file, { intervalMs: 20, ...schedule });
      const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
      return {
        write: (count: number) => {
          for (let index = 0; index < count; index += 1) insert.run('x'.repeat(2_000));
        },
        size: () => statSync(file).size,
        checkpointer,
        close: () => {
          checkpointer.stop();
          db.close();
        },
      };
    }

    it('leaves a few frames in the WAL, so the next commit does not start it over (and fsync) after every pause', async () => {
      const store = openDatabaseWith({ checkpointFrames: 500, maxDelayMs: 600_000 });
      store.checkpointer.start(() => undefined);
      const before = store.size();
      store.write(5);
      // Many of the worker's intervals.
      await sleep(400);
      expect(store.size()).toBe(before);
      store.close();
    });

    it('checkpoints once the threshold of waiting frames is reached', async () => {
      const store = openDatabaseWith({ checkpointFrames: 50, maxDelayMs: 600_000 });
      store.checkpointer.start(() => undefined);
      const before = store.size();
      store.write(100);
      while (store.size() === before) await sleep(20);
      store.close();
    });

    it('checkpoints a few frames once they have waited the longest delay', async () => {
      const store = openDatabaseWith({ checkpointFrames: 100_000, maxDelayMs: 200 });
      store.checkpointer.start(() => undefined);
      const before = store.size();
      store.write(3);
      while (store.size() === before) await sleep(20);
      store.close();
    });
  });

  it('is started once however often it is asked, and not at all after close', () => {
    const store = openStore();
    store.checkpointInBackground(() => undefined);
    store.checkpointInBackground(() => undefined);
    store.close();
    expect(() => store.checkpointInBackground(() => undefined)).not.toThrow();
  });
});
