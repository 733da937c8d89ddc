import { describe, expect, it } from 'vitest';
import { ON_DEMAND_SUITES, SUITES, selectedSuites, suiteNames } from '../../../bench/suite-list.js';

describe('bench suite list', () => {
  it('loads, for every name, the suite that carries that name', async () => {
    for (const entry of [...SUITES, ...ON_DEMAND_SUITES]) {
      const suite = await entry.load();
      expect(suite.name).toBe(entry.name);
      expect(typeof suite.run).toBe('function');
    }
  });

  it('runs every regular suite when none is named, and never the on-demand ones', () => {
    expect(selectedSuites([])).toBe(SUITES);
    expect(SUITES.map((suite) => suite.name)).not.toContain('soak');
  });

  it('keeps the list order for named suites and finds on-demand ones by name', () => {
    const selected = selectedSuites(['ui', 'chat-latency', 'soak']);
    expect(Array.isArray(selected) && selected.map((suite) => suite.name)).toEqual(['chat-latency', 'ui', 'soak']);
  });

  it('names the unknown suite and lists the known ones', () => {
    const answer = selectedSuites(['chat-latency', 'nope']);
    expect(answer).toBe(`unknown suite nope; the suites are ${[...SUITES, ...ON_DEMAND_SUITES].map((suite) => suite.name).join(', ')}`);
  });

  it('reads suite names past the suites’ own options', () => {
    expect(suiteNames(['soak', '--minutes', '3', 'cron', '--fast=1'])).toEqual(['soak', 'cron']);
  });
});
