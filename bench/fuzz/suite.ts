import { setTimeout as sleep } from 'node:timers/promises';
import { readRssMiB } from '../process-stats.js';
import { benchToken, startGateway } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import { fuzzChecksTarget, fuzzRows } from './fuzz-report.js';
import { DEFAULT_FUZZ, fuzzBesideProbe, seedFromEnvironment, type MonitoredFuzz } from './monitored-fuzz.js';
import { randomSeed } from './seeded-random.js';

function progress(message: string): void {
  process.stderr.write(`[fuzz] ${message}\n`);
}

/**
 * `npm run bench -- fuzz`: 100,000 malformed frames (bench/fuzz/malformed-frames.ts) before and
 * after the handshake, from a seed drawn per run and printed, with the checks of
 * test/security/fuzz.test.ts. `GATEHOUSE_FUZZ_SEED=<seed>` replays a run.
 */
async function run(): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  const seed = seedFromEnvironment(randomSeed);
  progress(`seed ${seed} — replay with GATEHOUSE_FUZZ_SEED=${seed} npm run bench -- fuzz`);
  const server = await startGateway(benchToken());
  let fuzz: MonitoredFuzz | undefined;
  let idleMiB: number | undefined;
  try {
    await sleep(1_000);
    idleMiB = readRssMiB(server.process.pid);
    fuzz = await fuzzBesideProbe(server, { ...DEFAULT_FUZZ, seed }, progress);
    if (!server.process.isRunning()) errors.push({ scenario: 'fuzz', message: `the gateway exited:\n${server.process.outputTail().trim()}` });
  } catch (error) {
    errors.push({ scenario: 'fuzz', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await server.stop();
  }
  const rows = fuzz ? [['gateway RSS idle after start', `${idleMiB?.toFixed(1) ?? 'n/a'} MiB`], ...fuzzRows(fuzz)] : [];
  const tables = [{ title: `fuzz · seed ${seed}`, columns: ['measure', 'gateway'], rows }];
  return suiteResult('fuzz', startedAt, clockStart, { tables, targets: [fuzzChecksTarget(fuzz)] }, errors, { seed, idleMiB, fuzz });
}

export const fuzzSuite: BenchmarkSuite = { name: 'fuzz', run };
