import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeHandleGrowth, handleKind, readHandleKinds } from '../../../bench/soak/gateway-sampler.js';
import { handlesBackToIdle } from '../../../bench/soak/report.js';
import type { IdleReading } from '../../../bench/soak/suite.js';

/** An idle reading with these descriptors (the counts are what the check compares). */
function idle(handleKinds: Record<string, number>): IdleReading {
  const fds = Object.values(handleKinds).reduce((sum, count) => sum + count, 0);
  return { atMs: 0, rssMiB: 100, fds, sockets: handleKinds.socket ?? 0, cpuPercent: 0, opsOk: 0, opsFailed: 0, handleKinds, settledAfterMs: 500 };
}

/** What a gateway holds once it has served every kind of operation (the soak's priming round). */
const WARM = { socket: 3, pipe: 4, 'anon_inode:[eventfd]': 2, 'anon_inode:[io_uring]': 1, 'gatehouse.sqlite': 2, 'gatehouse.sqlite-wal': 2 };

describe('the soak’s handles-back-to-idle check', () => {
  it('passes when the gateway is back to the baseline read after the priming round', () => {
    const check = handlesBackToIdle(idle(WARM), idle(WARM));
    expect(check.pass).toBe(true);
    expect(check.measured).toBe('fds 14 → 14, sockets 3 → 3');
  });

  it('fails on a descriptor the run left open, and names its kind', () => {
    const check = handlesBackToIdle(idle(WARM), idle({ ...WARM, null: 44 }));
    expect(check.pass).toBe(false);
    expect(check.measured).toBe('fds 14 → 58, sockets 3 → 3 (more than the baseline: +44 null)');
  });

  it('fails on a socket the run left open', () => {
    const check = handlesBackToIdle(idle(WARM), idle({ ...WARM, socket: 4 }));
    expect(check.pass).toBe(false);
    expect(check.measured).toContain('+1 socket');
  });

  it('fails when either idle reading is missing', () => {
    expect(handlesBackToIdle(undefined, idle(WARM))).toMatchObject({ pass: false, measured: 'not read' });
    expect(handlesBackToIdle(idle(WARM), undefined)).toMatchObject({ pass: false, measured: 'not read' });
  });
});

describe('descriptor kinds', () => {
  it('names sockets and pipes without their inode, files by their name, and anon inodes as they are', () => {
    expect(handleKind('socket:[123456]')).toBe('socket');
    expect(handleKind('pipe:[789]')).toBe('pipe');
    expect(handleKind('/tmp/gatehouse-bench-abc/gatehouse.sqlite-wal')).toBe('gatehouse.sqlite-wal');
    expect(handleKind('anon_inode:[io_uring]')).toBe('anon_inode:[io_uring]');
    expect(handleKind('anon_inode:inotify')).toBe('anon_inode:inotify');
  });

  it('lists only the kinds that grew', () => {
    expect(describeHandleGrowth({ socket: 3, pipe: 2 }, { socket: 1, pipe: 4, 'x.log': 1 })).toBe('+2 pipe, +1 x.log');
    expect(describeHandleGrowth(WARM, WARM)).toBe('');
  });

  describe('read from /proc of a live process', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    it.runIf(process.platform === 'linux')('counts a file this process opened, and stops counting it once closed', () => {
      const dir = mkdtempSync(join(tmpdir(), 'soak-handles-'));
      dirs.push(dir);
      const name = 'held-open.txt';
      const before = readHandleKinds(process.pid) ?? {};
      const fd = openSync(join(dir, name), 'w');
      const open = readHandleKinds(process.pid) ?? {};
      closeSync(fd);
      const after = readHandleKinds(process.pid) ?? {};
      expect(open[name]).toBe(1);
      expect(describeHandleGrowth(before, open)).toContain(`+1 ${name}`);
      expect(after[name]).toBeUndefined();
    });

    it('is undefined for a process that does not exist', () => {
      expect(readHandleKinds(2 ** 22 + 1)).toBeUndefined();
    });
  });
});
