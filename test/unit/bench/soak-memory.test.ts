import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayInspector, inspectorUrlFrom, withInspectorFlag } from '../../../bench/soak/gateway-inspector.js';
import { readGatewayMemory, toGatewayMemory } from '../../../bench/soak/gateway-memory.js';
import { judgeFlatness, warmupEnd } from '../../../bench/soak/flatness.js';
import type { GatewaySample } from '../../../bench/soak/gateway-sampler.js';
import { memoryPartTrends } from '../../../bench/soak/memory-parts.js';
import { readRssBreakdown, rssBreakdownOf } from '../../../bench/soak/rss-breakdown.js';

const MIB = 1024 * 1024;

describe('the soak’s RSS breakdown', () => {
  it('sums smaps by backing: file pages, the brk heap, and anonymous mappings', () => {
    const smaps = [
      '5611a0000000-5611a0100000 r-xp 00000000 fe:00 1234    /usr/bin/node',
      'Rss:                1024 kB',
      '5611b0000000-5611b0400000 rw-p 00000000 00:00 0       [heap]',
      'Rss:                2048 kB',
      '7f0000000000-7f0000040000 rw-p 00000000 00:00 0 ',
      'Rss:                 256 kB',
      '7f0000100000-7f0000200000 rw-s 00000000 fe:00 99      /tmp/state/gatehouse.sqlite-shm',
      'Rss:                  32 kB',
      '7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0       [stack]',
      'Rss:                 768 kB',
    ].join('\n');
    expect(rssBreakdownOf(smaps)).toEqual({ fileMiB: 1056 / 1024, brkMiB: 2, anonymousMiB: 1 });
  });

  it.runIf(process.platform === 'linux')('accounts for all of a live process’s RSS', () => {
    const parts = readRssBreakdown(process.pid);
    expect(parts).toBeDefined();
    const total = (parts?.fileMiB ?? 0) + (parts?.brkMiB ?? 0) + (parts?.anonymousMiB ?? 0);
    // smaps and status are two reads of a process that keeps allocating: close, not equal.
    expect(Math.abs(total * MIB - process.memoryUsage.rss())).toBeLessThan(8 * MIB);
  });
});

describe('the gateway’s memory through its inspector', () => {
  it('takes the last inspector URL: the gateway execs itself once and the first inspector is gone', () => {
    const output = [
      'Debugger listening on ws://127.0.0.1:41881/a2616fd9-9d8f-485e-824a-d843287a4045',
      'For help, see: https://nodejs.org/learn/getting-started/debugging',
      'Debugger listening on ws://127.0.0.1:46119/e03190cd-0001-4593-a98b-9ac7648daac3',
    ].join('\n');
    expect(inspectorUrlFrom(output)).toBe('ws://127.0.0.1:46119/e03190cd-0001-4593-a98b-9ac7648daac3');
    expect(inspectorUrlFrom('gatehouse gateway listening on ws://127.0.0.1:44379')).toBeUndefined();
  });

  it('adds the inspector flag only for the child started inside, and puts NODE_OPTIONS back', () => {
    const before = process.env.NODE_OPTIONS;
    const seen = withInspectorFlag(() => process.env.NODE_OPTIONS);
    expect(seen).toContain('--inspect=127.0.0.1:0');
    expect(process.env.NODE_OPTIONS).toBe(before);
  });

  it('refuses a value of another shape instead of reporting zeros', () => {
    expect(toGatewayMemory(undefined)).toBeUndefined();
    expect(toGatewayMemory({ heapUsed: 1 })).toBeUndefined();
    expect(toGatewayMemory({ heapUsed: MIB, heapTotal: 2 * MIB, external: 0, arrayBuffers: 0, physical: 3 * MIB, spaces: [['old_space', MIB], ['code_large_object_space', 0]] })).toEqual({
      heapUsedMiB: 1,
      heapTotalMiB: 2,
      externalMiB: 0,
      arrayBuffersMiB: 0,
      v8PhysicalMiB: 3,
      spacesMiB: { old_space: 1 },
    });
  });

  describe('of a real child process', () => {
    let child: ChildProcess | undefined;
    let inspector: GatewayInspector | undefined;
    afterEach(() => {
      inspector?.close();
      child?.kill('SIGKILL');
      inspector = undefined;
      child = undefined;
    });

    it('reads its heap: a 16 MiB Buffer it holds shows in arrayBuffers and external', async () => {
      const script = 'globalThis.held = Buffer.alloc(16 * 1024 * 1024, 1); setInterval(() => {}, 1000);';
      const started = withInspectorFlag(() => spawn(process.execPath, ['-e', script], { env: { ...process.env }, stdio: ['ignore', 'ignore', 'pipe'] }));
      child = started;
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        started.stderr?.setEncoding('utf8').on('data', (text: string) => {
          stderr += text;
          const found = inspectorUrlFrom(stderr);
          if (found) resolve(found);
        });
        started.once('exit', () => reject(new Error(`child exited: ${stderr}`)));
      });
      inspector = await GatewayInspector.connect(url, 5_000);
      const memory = await readGatewayMemory(inspector, 5_000);
      expect(memory).toBeDefined();
      expect(memory?.arrayBuffersMiB).toBeGreaterThanOrEqual(16);
      expect(memory?.externalMiB).toBeGreaterThanOrEqual(16);
      expect(memory?.heapUsedMiB).toBeGreaterThan(0);
      expect(memory?.v8PhysicalMiB).toBeGreaterThanOrEqual(memory?.spacesMiB.old_space ?? Number.POSITIVE_INFINITY);
    });
  });
});

describe('RSS taken apart after warm-up', () => {
  /** A sample a minute apart whose brk heap grows 1 MiB a minute while the V8 heap stays put. */
  function sample(minute: number): GatewaySample {
    const brkMiB = 4 + minute;
    return {
      atMs: minute * 60_000,
      rssMiB: 100 + brkMiB,
      rss: { fileMiB: 60, brkMiB, anonymousMiB: 40 },
      memory: { heapUsedMiB: 20, heapTotalMiB: 30, externalMiB: 2, arrayBuffersMiB: 0.1, v8PhysicalMiB: 30, spacesMiB: { old_space: 20 } },
      fds: 40,
      sockets: 10,
      cpuPercent: 3,
      opsOk: minute * 180,
      opsFailed: 0,
    };
  }

  it('names the part that grows, over the same samples the RSS verdict judges', () => {
    const samples = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(sample);
    const rss = judgeFlatness(samples, 'rssMiB', 2 * 60_000);
    const parts = Object.fromEntries(memoryPartTrends(samples, 2 * 60_000).map((part) => [part.label, part]));
    expect(rss.judgedSamples).toBe(9);
    expect(rss.slopePer10Min).toBeCloseTo(10);
    expect(parts['RSS part: malloc brk heap']).toMatchObject({ judgedSamples: 9, first: 6, last: 14, drift: 8 });
    expect(parts['RSS part: malloc brk heap']?.slopePer10Min).toBeCloseTo(10);
    expect(parts['RSS part: V8 heap (resident)']).toMatchObject({ drift: 0, slopePer10Min: 0 });
    expect(parts['RSS part: other anonymous']).toMatchObject({ first: 10, drift: 0 });
  });

  it('leaves a part out of samples that lack it (the inspector did not answer) instead of counting it as 0', () => {
    const samples = [0, 1, 2, 3].map(sample).map((each, index) => (index === 2 ? { ...each, memory: undefined } : each));
    const v8 = memoryPartTrends(samples, 0).find((part) => part.label === 'RSS part: V8 heap (resident)');
    expect(v8).toMatchObject({ judgedSamples: 3, min: 30, max: 30 });
  });
});

describe('where warm-up ends', () => {
  const THIRTY_MINUTES = 30 * 60_000;
  /** One sample a minute; the database grows 0.25 MiB a minute from `startMiB`. */
  function run(startMiB: number | undefined): GatewaySample[] {
    return Array.from({ length: 31 }, (_, minute) => ({
      atMs: minute * 60_000,
      rssMiB: 120,
      ...(startMiB === undefined ? {} : { store: { databaseMiB: startMiB + minute * 0.25, walMiB: 4 } }),
      fds: 52,
      sockets: 13,
      cpuPercent: 3,
      opsOk: 0,
      opsFailed: 0,
    }));
  }

  it('waits past 20 % of the run until the database file holds SQLite’s 2,000 KiB page cache', () => {
    // 2,048,000 bytes = 1.953 MiB: reached at minute 8 (2.0 MiB), not at 7 (1.75 MiB).
    expect(warmupEnd(run(0), THIRTY_MINUTES)).toBe(8 * 60_000);
  });

  it('is 20 % of the run when the cache was full before that', () => {
    expect(warmupEnd(run(5), THIRTY_MINUTES)).toBe(6 * 60_000);
  });

  it('never ends when the database stays smaller than the cache, so no verdict is given', () => {
    const small = run(0).map((sample) => ({ ...sample, store: { databaseMiB: 1, walMiB: 4 } }));
    const end = warmupEnd(small, THIRTY_MINUTES);
    expect(end).toBe(Number.POSITIVE_INFINITY);
    expect(judgeFlatness(small, 'rssMiB', end)).toMatchObject({ pass: false, judgedSamples: 0 });
  });

  it('falls back to 20 % of the run when the store could not be read at all', () => {
    expect(warmupEnd(run(undefined), THIRTY_MINUTES)).toBe(6 * 60_000);
  });
});
