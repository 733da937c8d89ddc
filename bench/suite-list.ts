import type { BenchmarkSuite } from './suite.js';

/**
 * Every suite by name, each loaded only when it is about to run. The bench process is also the
 * provider stand-in and the client of the gateway it measures, on the same two cores: the UI suite's
 * Playwright alone is ~27 MiB of heap, and with every suite imported up front the process carried
 * ~41 MiB. Each of its full collections then marked all of it with four helper threads, which took
 * both cores from the gateway under test for 10–15 ms (seen in a scheduler trace of a chat-latency
 * round: 59 tokens late by up to 22 ms behind one such collection). `npm run bench -- chat-latency`
 * now carries ~7 MiB.
 */
export interface SuiteEntry {
  readonly name: string;
  load(): Promise<BenchmarkSuite>;
}

/** `npm run bench` runs these, in this order. Add a suite here and it runs, prints and is saved like the others. */
export const SUITES: readonly SuiteEntry[] = [
  { name: 'gateway-core', load: async () => (await import('./gateway-core/suite.js')).gatewayCoreSuite },
  { name: 'chat-latency', load: async () => (await import('./chat-latency/suite.js')).chatLatencySuite },
  { name: 'channels', load: async () => (await import('./channels/suite.js')).channelsSuite },
  { name: 'fuzz', load: async () => (await import('./fuzz/suite.js')).fuzzSuite },
  { name: 'hostile', load: async () => (await import('./hostile/suite.js')).hostileSuite },
  { name: 'startup', load: async () => (await import('./startup/suite.js')).startupSuite },
  { name: 'cron', load: async () => (await import('./cron/suite.js')).cronSuite },
  { name: 'ui', load: async () => (await import('./ui/suite.js')).uiSuite },
];

/** Run only when named (`npm run bench -- soak`): too long for a plain `npm run bench`. */
export const ON_DEMAND_SUITES: readonly SuiteEntry[] = [{ name: 'soak', load: async () => (await import('./soak/suite.js')).soakSuite }];

/** The named suites, in the order given by SUITES (then on-demand ones); no names means every suite in SUITES; an unknown name is an error text. */
export function selectedSuites(names: readonly string[]): readonly SuiteEntry[] | string {
  if (names.length === 0) return SUITES;
  const known = [...SUITES, ...ON_DEMAND_SUITES];
  const unknown = names.filter((name) => !known.some((suite) => suite.name === name));
  if (unknown.length > 0) return `unknown suite ${unknown.join(', ')}; the suites are ${known.map((suite) => suite.name).join(', ')}`;
  return known.filter((suite) => names.includes(suite.name));
}

/** The suite names in argv; `--name value` / `--name=value` options are the suites' own (soak's `--minutes 3`). */
export function suiteNames(argv: readonly string[]): string[] {
  const names: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (!arg.startsWith('--')) names.push(arg);
    else if (!arg.includes('=')) index += 1;
  }
  return names;
}
