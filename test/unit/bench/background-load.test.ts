import { describe, expect, it } from 'vitest';
import { backgroundLoadBetween, parseMachineCpuSeconds, readMachineCpuSeconds } from '../../../bench/background-load.js';

const line = (user: number, steal: number) => `cpu  ${user} 0 100 5000 20 0 10 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe('background load', () => {
  it('reads busy time without steal, and steal apart', () => {
    expect(parseMachineCpuSeconds(line(1_000, 250))).toEqual({ busy: 11.1, steal: 2.5 });
  });

  it('gives nothing for a text that is not /proc/stat', () => {
    expect(parseMachineCpuSeconds('')).toBeUndefined();
    expect(parseMachineCpuSeconds('intr 1 2 3')).toBeUndefined();
  });

  it('counts the bench’s own CPU out of other processes, and steal as a share of the time the machine wanted', () => {
    const start = { busy: 100, steal: 10 };
    const end = { busy: 120, steal: 20 };
    // 20 s busy (15 of them the bench's) and 10 s withheld, over 10 s.
    const load = backgroundLoadBetween(start, end, 15, 10);
    expect(load.otherProcessesCores).toBeCloseTo(0.5);
    expect(load.benchCores).toBeCloseTo(1.5);
    expect(load.hostStealShare).toBeCloseTo(1 / 3);
  });

  it('says no steal for an idle span, and never a negative share', () => {
    expect(backgroundLoadBetween({ busy: 5, steal: 1 }, { busy: 5, steal: 1 }, 0, 1).hostStealShare).toBe(0);
    expect(backgroundLoadBetween({ busy: 5, steal: 1 }, { busy: 6, steal: 1 }, 2, 1).otherProcessesCores).toBe(0);
  });

  it.runIf(process.platform === 'linux')('reads this machine', () => {
    const now = readMachineCpuSeconds();
    expect(now && now.busy).toBeGreaterThan(0);
    expect(now && now.steal).toBeGreaterThanOrEqual(0);
  });
});
