import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProbeReport, PROBE_FD, writePeakRssProbe } from '../../../bench/startup/peak-rss-probe.js';

describe.runIf(process.platform === 'linux')("the startup bench's peak RSS probe", () => {
  it("reports the child's own peak, not the size of the parent that spawned it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-rss-probe-'));
    // A parent well above any `node -e 0`: Linux's ru_maxrss would hand its size to the child.
    const ballast = Array.from({ length: 256 }, () => Buffer.alloc(1 << 20, 1));
    try {
      const stdio: ('ignore' | 'pipe')[] = Array.from({ length: PROBE_FD + 1 }, () => 'ignore');
      stdio[PROBE_FD] = 'pipe';
      const run = spawnSync(process.execPath, ['-r', writePeakRssProbe(dir), '-e', '0'], { stdio, env: { ...process.env, NODE_OPTIONS: '' } });
      const report = parseProbeReport(String(run.output[PROBE_FD]));
      expect(process.memoryUsage().rss / 2 ** 20).toBeGreaterThan(256);
      expect(report?.peakRssMiB).toBeGreaterThan(10);
      expect(report?.peakRssMiB).toBeLessThan(150);
    } finally {
      ballast.length = 0;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
