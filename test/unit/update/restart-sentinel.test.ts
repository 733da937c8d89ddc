import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { RestartSentinel } from '../../../shared/protocol/update/results.js';
import { consumeRestartSentinel, sentinelPath, writeRestartSentinel } from '../../../gateway/features/update/restart-sentinel.js';
import { UpdateService } from '../../../gateway/features/update/update-service.js';

// The restart record: written by the process that installed an update, read once and removed by
// the next one, which says which version actually came up.

const record = (overrides: Partial<RestartSentinel> = {}): RestartSentinel => ({
  kind: 'update',
  status: 'ok',
  ts: 1_700_000_000_000,
  sessionKey: 'agent:main:main',
  message: 'nightly',
  stats: { mode: 'npm', before: { version: '0.1.0' }, after: { version: '0.2.0' }, steps: [], durationMs: 12 },
  ...overrides,
});

describe('restart sentinel', () => {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-sentinel-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const stateDir = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it('is read once, removed, and carries the version that came up', () => {
    const dir = stateDir('once');
    writeRestartSentinel(dir, record());
    expect(consumeRestartSentinel(dir, '0.2.0')).toEqual({ kind: 'read', sentinel: { ...record(), stats: { ...record().stats, runningVersion: '0.2.0' } } });
    expect(existsSync(sentinelPath(dir))).toBe(false);
    expect(consumeRestartSentinel(dir, '0.2.0')).toEqual({ kind: 'none' });
  });

  it('an update that came back up as another version is reported as an error', () => {
    const dir = stateDir('mismatch');
    writeRestartSentinel(dir, record());
    expect(consumeRestartSentinel(dir, '0.1.0')).toMatchObject({ kind: 'read', sentinel: { status: 'error', stats: { reason: 'the update installed 0.2.0, but the gateway came back up running 0.1.0', runningVersion: '0.1.0' } } });
  });

  it('a file that is not a restart record is dropped with the reason', () => {
    const dir = stateDir('invalid');
    for (const text of ['{not json', JSON.stringify({ kind: 'update', status: 'ok' }), JSON.stringify({ ...record(), kind: 'config-apply' })]) {
      writeFileSync(sentinelPath(dir), text);
      expect(consumeRestartSentinel(dir, '0.2.0')).toMatchObject({ kind: 'invalid' });
      expect(existsSync(sentinelPath(dir))).toBe(false);
    }
  });

  it('the service reports it in update.status and tells the session that asked for the update', async () => {
    const dir = stateDir('service');
    writeRestartSentinel(dir, record());
    const notes: Array<[string, string]> = [];
    const service = new UpdateService({
      kind: { mode: 'git', root: '/checkout' },
      currentVersion: '0.2.0',
      stateDir: dir,
      env: {},
      logger: pino({ level: 'silent' }),
      now: () => 0,
      notifySession: (sessionKey, text) => notes.push([sessionKey, text]),
    });
    expect(notes).toEqual([['agent:main:main', 'Gatehouse gateway updated from 0.1.0 to 0.2.0 (npm).']]);
    const status = await service.status(false);
    expect(status.sentinel).toMatchObject({ status: 'ok', message: 'nightly', stats: { runningVersion: '0.2.0' } });
    expect(status.schedule.install.kind).toBe('git');
  });
});
