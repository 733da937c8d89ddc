/**
 * `npm run bench -- cron` (issue 13): a real gateway with 10,000 enabled jobs — start-up beside
 * the empty start, RSS the jobs add, `cron.list` of all of them, and how late jobs start while 50
 * fall due at the same instant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchToken } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import { measureStarts, startOn } from './gateway-runs.js';
import { buildReport, type CronBenchDetails } from './report.js';
import { measureList, watchLateness } from './scenarios.js';
import { scheduleDueRounds, seedJobs } from './seed-jobs.js';
import { CRON_BENCH } from './settings.js';

function progress(message: string): void {
  process.stderr.write(`[cron] ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  const token = benchToken();
  const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-cron-'));
  const stateDir = join(workDir, 'state');
  const details: CronBenchDetails = { jobs: CRON_BENCH.jobs, emptyStarts: [], loadedStarts: [] };
  const { starts, rssSettleMs } = CRON_BENCH;

  const attempt = async (scenario: string, work: () => Promise<void>): Promise<boolean> => {
    const began = performance.now();
    progress(`${scenario} …`);
    try {
      await work();
      progress(`${scenario} done in ${((performance.now() - began) / 1_000).toFixed(1)} s`);
      return true;
    } catch (error) {
      errors.push({ scenario, message: messageOf(error) });
      progress(`${scenario} FAILED: ${messageOf(error)}`);
      return false;
    }
  };

  try {
    // The first start creates the store (and fills the compile cache); the next ones are measured.
    const ready = await attempt('empty starts', async () => {
      details.emptyStarts = (await measureStarts(stateDir, token, starts + 1, rssSettleMs)).slice(1);
    });
    let ids: string[] = [];
    if (ready) await attempt(`writing ${CRON_BENCH.jobs.toLocaleString('en-US')} jobs`, async () => void (ids = seedJobs(stateDir, CRON_BENCH.jobs, Date.now())));
    if (ids.length > 0) {
      await attempt('starts with the jobs', async () => {
        details.loadedStarts = (await measureStarts(stateDir, token, starts + 1, rssSettleMs)).slice(1);
      });
      await attempt('cron.list and firing lateness', async () => {
        // Due far enough ahead that the start, the settle and the list calls are over by then.
        const slowestStart = Math.max(0, ...details.loadedStarts.map((sample) => sample.spawnToHelloMs));
        const firstDueAt = Math.round(Date.now() + 2 * slowestStart + rssSettleMs + 8_000);
        const dueIds = ids.filter((_, index) => index % 3 !== 2).slice(0, CRON_BENCH.dueJobsPerRound * CRON_BENCH.rounds);
        const due = scheduleDueRounds(stateDir, dueIds, CRON_BENCH.dueJobsPerRound, firstDueAt, CRON_BENCH.roundSpacingMs);
        const gateway = await startOn(stateDir, token, rssSettleMs);
        try {
          details.measuredStart = gateway.sample;
          const watch = watchLateness(gateway.client, due);
          details.list = await measureList(gateway.client, CRON_BENCH.listCalls, gateway.process.pid);
          const lastDue = firstDueAt + (CRON_BENCH.rounds - 1) * CRON_BENCH.roundSpacingMs;
          if (Date.now() > firstDueAt) progress('cron.list ran into the first due round: lateness includes that load');
          await sleep(Math.max(0, lastDue - Date.now()) + CRON_BENCH.lastRoundGraceMs);
          details.lateness = watch.finish();
        } finally {
          await gateway.stop();
        }
      });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return suiteResult('cron', startedAt, clockStart, buildReport(details), errors, details);
}

export const cronSuite: BenchmarkSuite = { name: 'cron', run };
