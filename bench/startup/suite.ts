/**
 * `npm run bench -- startup`: how fast the gateway and the CLI start and how much memory they
 * take, each beside what bare Node takes for the same on this machine in the same run (issue 17).
 * Measured through bin/gatehouse.js — the bundle in dist/bundle/ — unless `--entry` names another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchToken } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import { measureCliCalls, type CliPair } from './cli-calls.js';
import { launchGateway, suiteEnv } from './gateway-launch.js';
import { bareServerIdleRss, gatewayIdleRss } from './idle-rss.js';
import { writePeakRssProbe } from './peak-rss-probe.js';
import { buildReport, type StartPairs, type StartupDetails } from './report.js';
import { startBareServer, startGatewayOnce } from './server-starts.js';
import { cliEntry, COUNTS } from './settings.js';

function progress(message: string): void {
  process.stderr.write(`[startup] ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Only the numbers of a run, not its output. */
function numbersOnly(pairs: readonly CliPair[]): CliPair[] {
  const strip = (run: CliPair['call']) => ({ ...run, stdout: '', stderr: '' });
  return pairs.map((pair) => ({ nodeEval: strip(pair.nodeEval), call: strip(pair.call) }));
}

async function run(): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  const entry = cliEntry();
  const token = benchToken();
  const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-startup-'));
  const warmCacheHome = join(workDir, 'warm-cache');
  const env = suiteEnv(warmCacheHome);
  const probe = writePeakRssProbe(workDir);
  const details: StartupDetails = { entry, starts: { bare: [], gateway: [] }, coldCacheStarts: { bare: [], gateway: [] }, cliTimed: [], cliProbed: [], idleRss: {} };

  const attempt = async (scenario: string, work: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    progress(`${scenario} …`);
    try {
      await work();
      progress(`${scenario} done in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
    } catch (error) {
      errors.push({ scenario, message: messageOf(error) });
      progress(`${scenario} FAILED: ${messageOf(error)}`);
    }
  };
  /** Yardstick, then gateway, `count` times: both see the same moments of a shared machine. */
  const alternate = async (pairs: StartPairs, count: number, gatewayEnv: () => NodeJS.ProcessEnv) => {
    for (let index = 0; index < count; index += 1) {
      pairs.bare.push(await startBareServer());
      pairs.gateway.push(await startGatewayOnce(entry, token, gatewayEnv()));
    }
  };

  try {
    // The first start fills the compile cache that the measured starts then find.
    await attempt('warm-up start', () => startGatewayOnce(entry, token, env).then(() => undefined));
    await attempt('gateway starts', () => alternate(details.starts, COUNTS.serverStarts, () => env));
    await attempt('starts with an empty compile cache', () =>
      alternate(details.coldCacheStarts, COUNTS.coldCacheStarts, () => suiteEnv(mkdtempSync(join(workDir, 'empty-cache-')))),
    );
    await attempt('gateway call health', async () => {
      const gateway = await launchGateway(entry, token, env);
      try {
        await measureCliCalls(entry, gateway, token, env, 1); // warm-up: the call's own chunks into the cache
        details.cliTimed = numbersOnly(await measureCliCalls(entry, gateway, token, env, COUNTS.cliCalls));
        details.cliProbed = numbersOnly(await measureCliCalls(entry, gateway, token, env, COUNTS.memoryRuns, probe));
      } finally {
        await gateway.stop();
      }
    });
    await attempt('idle RSS', async () => {
      details.idleRss.bare = await bareServerIdleRss();
      details.idleRss.gateway = await gatewayIdleRss(entry, token, env);
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return suiteResult('startup', startedAt, clockStart, buildReport(details), errors, details);
}

export const startupSuite: BenchmarkSuite = { name: 'startup', run };
