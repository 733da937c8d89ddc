import { describe, expect, it } from 'vitest';
import { announcedSeconds, formatCountdown, isExpired, remainingMs } from '../../../renderer/format/countdown.js';

describe('approval countdown', () => {
  it('formats what is left as m:ss, rounding partial seconds up', () => {
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(59_000)).toBe('0:59');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });

  it('adds hours from an hour up', () => {
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(3_725_000)).toBe('1:02:05');
  });

  it('is expired from the expiry instant on, never negative', () => {
    expect(isExpired(1_000, 999)).toBe(false);
    expect(isExpired(1_000, 1_000)).toBe(true);
    expect(remainingMs(1_000, 400)).toBe(600);
    expect(remainingMs(1_000, 4_000)).toBe(0);
  });

  it('announces only at milestones: whole minutes, then 60, 30 and 10 seconds, then expiry', () => {
    expect(announcedSeconds(179_000)).toBe(180);
    expect(announcedSeconds(121_000)).toBe(180);
    expect(announcedSeconds(120_000)).toBe(120);
    expect(announcedSeconds(61_000)).toBe(120);
    expect(announcedSeconds(60_000)).toBe(60);
    expect(announcedSeconds(31_000)).toBe(60);
    expect(announcedSeconds(30_000)).toBe(30);
    expect(announcedSeconds(11_000)).toBe(30);
    expect(announcedSeconds(10_000)).toBe(10);
    expect(announcedSeconds(1)).toBe(10);
    expect(announcedSeconds(0)).toBe(0);
  });

  it('keeps the announcement steady between milestones', () => {
    const values = new Set<number>();
    for (let ms = 59_000; ms > 31_000; ms -= 250) values.add(announcedSeconds(ms));
    expect([...values]).toEqual([60]);
  });
});
