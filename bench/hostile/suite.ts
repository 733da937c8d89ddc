import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClient } from '../bench-client.js';
import { closeAll } from '../connections.js';
import { fuzzChecksTarget, fuzzRows } from '../fuzz/fuzz-report.js';
import { DEFAULT_FUZZ, fuzzBesideProbe, seedFromEnvironment, type MonitoredFuzz } from '../fuzz/monitored-fuzz.js';
import { randomSeed } from '../fuzz/seeded-random.js';
import type { Distribution } from '../percentiles.js';
import { readRssMiB } from '../process-stats.js';
import { formatNumber } from '../report-table.js';
import { benchToken, startGateway } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult, type TargetCheck } from '../suite.js';
import { connectHeld, healthAcrossHeld } from './held-clients.js';

export const TARGETS = { healthP99DuringFuzzMs: 50, rssGrowthDuringFuzzMiB: 100, rssAboveIdleAfterMiB: 30, heldClients: 1_000, heldHealthP99Ms: 10 } as const;
const SETTLE_AFTER_MS = 60_000;

export interface HostileDetails {
  seed: number;
  idleAfterStartMiB?: number;
  heldSetupMs?: number;
  /** RSS with the held clients connected, just before the fuzz: the idle the after-fuzz RSS is judged against. */
  idleWithHeldMiB?: number;
  heldHealthMs?: Distribution;
  fuzz?: MonitoredFuzz;
  heldOpenAfterFuzz?: number;
  /** RSS every 10 s after the fuzz ended, the last one 60 s after. */
  rssAfterFuzzMiB: number[];
}

function progress(message: string): void {
  process.stderr.write(`[hostile] ${message}\n`);
}

const ok = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

function targets(details: HostileDetails): TargetCheck[] {
  const { fuzz, heldHealthMs } = details;
  const p99 = fuzz?.healthMs.p99;
  const growth = fuzz ? fuzz.rss.peakMiB - fuzz.rss.beforeMiB : undefined;
  const settled = details.rssAfterFuzzMiB.at(-1);
  const aboveIdle = ok(settled) && ok(details.idleWithHeldMiB) ? settled - details.idleWithHeldMiB : undefined;
  const held = details.heldOpenAfterFuzz;
  return [
    fuzzChecksTarget(fuzz),
    { name: 'health during the fuzz', rule: `well-behaved p99 < ${TARGETS.healthP99DuringFuzzMs} ms`, measured: ok(p99) ? formatNumber(p99, 'ms') : 'n/a', pass: ok(p99) && p99 < TARGETS.healthP99DuringFuzzMs },
    { name: 'RSS during the fuzz', rule: `peak − before < ${TARGETS.rssGrowthDuringFuzzMiB} MiB`, measured: ok(growth) ? formatNumber(growth, 'MiB') : 'n/a', pass: ok(growth) && growth < TARGETS.rssGrowthDuringFuzzMiB },
    {
      name: 'RSS after the fuzz',
      rule: `${SETTLE_AFTER_MS / 1_000} s after: within ${TARGETS.rssAboveIdleAfterMiB} MiB of idle`,
      measured: ok(aboveIdle) ? `${formatNumber(aboveIdle, 'MiB')} above (${formatNumber(settled)} vs ${formatNumber(details.idleWithHeldMiB, 'MiB')})` : 'n/a',
      pass: ok(aboveIdle) && aboveIdle <= TARGETS.rssAboveIdleAfterMiB,
    },
    {
      name: `${TARGETS.heldClients.toLocaleString('en-US')} clients held`,
      rule: `health p99 < ${TARGETS.heldHealthP99Ms} ms across them; all still open after the fuzz`,
      measured: heldHealthMs ? `p99 ${formatNumber(heldHealthMs.p99, 'ms')}, ${held ?? 'n/a'} open after` : 'n/a',
      pass: ok(heldHealthMs?.p99) && heldHealthMs.p99 < TARGETS.heldHealthP99Ms && held === TARGETS.heldClients,
    },
  ];
}

function table(details: HostileDetails) {
  const { heldHealthMs } = details;
  const rows: string[][] = [
    ['gateway RSS idle after start', ok(details.idleAfterStartMiB) ? formatNumber(details.idleAfterStartMiB, 'MiB') : 'n/a'],
    [`connect ${TARGETS.heldClients.toLocaleString('en-US')} clients (held) · RSS with them`, `${formatNumber(details.heldSetupMs, 'ms')} · ${formatNumber(details.idleWithHeldMiB, 'MiB')}`],
    ['health across held clients p50 / p99 / max', heldHealthMs ? `${formatNumber(heldHealthMs.p50)} / ${formatNumber(heldHealthMs.p99)} / ${formatNumber(heldHealthMs.max, 'ms')}` : 'n/a'],
    ...(details.fuzz ? fuzzRows(details.fuzz) : []),
    ['held clients still open after the fuzz', String(details.heldOpenAfterFuzz ?? 'n/a')],
    ['RSS 10, 20 … 60 s after the fuzz', details.rssAfterFuzzMiB.map((value) => formatNumber(value)).join(' · ') + ' MiB'],
  ];
  return { title: `hostile · fuzz beside ${TARGETS.heldClients.toLocaleString('en-US')} held clients · seed ${details.seed}`, columns: ['measure', 'gateway'], rows };
}

/**
 * `npm run bench -- hostile`: the fuzz run of `npm run bench -- fuzz` while 1,000 well-behaved
 * clients stay connected and one of them calls `health` every 5 ms; then a minute of quiet to
 * see the memory come back.
 */
async function run(): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  const details: HostileDetails = { seed: seedFromEnvironment(randomSeed), rssAfterFuzzMiB: [] };
  progress(`seed ${details.seed} — replay with GATEHOUSE_FUZZ_SEED=${details.seed} npm run bench -- hostile`);
  const server = await startGateway(benchToken());
  let held: BenchClient[] = [];
  try {
    await sleep(1_000);
    details.idleAfterStartMiB = readRssMiB(server.process.pid);
    const connectStarted = performance.now();
    held = await connectHeld(server.url, server.token, TARGETS.heldClients);
    details.heldSetupMs = performance.now() - connectStarted;
    progress(`${held.length} clients held`);
    details.heldHealthMs = await healthAcrossHeld(held, 2_000, 200);
    await sleep(2_000);
    details.idleWithHeldMiB = readRssMiB(server.process.pid);
    details.fuzz = await fuzzBesideProbe(server, { ...DEFAULT_FUZZ, seed: details.seed }, progress);
    details.heldOpenAfterFuzz = held.filter((client) => client.isOpen).length;
    progress(`fuzz done; watching RSS for ${SETTLE_AFTER_MS / 1_000} s`);
    for (let waited = 0; waited < SETTLE_AFTER_MS; waited += 10_000) {
      await sleep(10_000);
      details.rssAfterFuzzMiB.push(readRssMiB(server.process.pid) ?? Number.NaN);
    }
    if (!server.process.isRunning()) errors.push({ scenario: 'hostile', message: `the gateway exited:\n${server.process.outputTail().trim()}` });
  } catch (error) {
    errors.push({ scenario: 'hostile', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await closeAll(held);
    await server.stop();
  }
  return suiteResult('hostile', startedAt, clockStart, { tables: [table(details)], targets: targets(details) }, errors, details);
}

export const hostileSuite: BenchmarkSuite = { name: 'hostile', run };
