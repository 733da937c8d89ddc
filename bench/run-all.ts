/**
 * `npm run bench`: runs every suite in order, prints its tables, writes
 * bench/results/<suite>-<timestamp>.json per suite and bench/results/latest.json for the run.
 *
 * Exit code: 0 when every scenario produced numbers, whether or not targets were met
 * (benchmarks report, they do not gate); 1 when a scenario or a suite errored out.
 */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { renderTable, renderTargets } from './report-table.js';
import { rounded } from './percentiles.js';
import { fileTimestamp, writeLatest, writeResultFile } from './results-file.js';
import { BackgroundLoadMeter } from './background-load.js';
import { killLiveChildren, liveChildCount } from './server-process.js';
import type { SuiteResult } from './suite.js';
import { selectedSuites, suiteNames, type SuiteEntry } from './suite-list.js';

/** Average cores taken by other processes above which a run is flagged as noisy. */
const NOISY_NEIGHBOUR_CORES = 0.25;
/** Share of the machine's wanted CPU time withheld by its host above which a run is flagged as noisy. */
const NOISY_HOST_STEAL_SHARE = 0.05;

/** If something still holds the event loop this long after the run, say what and leave. */
const EXIT_WATCHDOG_MS = 15_000;

function environment() {
  const cores = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${release()} ${process.arch}`,
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCount: cores.length,
    totalMemMiB: Math.round(totalmem() / 1024 / 1024),
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

function failedSuite(suite: SuiteEntry, startedAt: Date, error: unknown): SuiteResult {
  return {
    name: suite.name,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    tables: [],
    targets: [],
    errors: [{ scenario: 'suite', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }],
    details: null,
  };
}

async function main(): Promise<number> {
  const suites = selectedSuites(suiteNames(process.argv.slice(2)));
  if (typeof suites === 'string') {
    console.error(`bench: ${suites}`);
    return 2;
  }
  const runStarted = new Date();
  const timestamp = fileTimestamp(runStarted);
  const env = environment();
  console.log(`gatehouse bench · ${runStarted.toISOString()} · node ${env.node} · ${env.cpuCount} × ${env.cpuModel}`);

  const results: SuiteResult[] = [];
  const saved: unknown[] = [];
  for (const suite of suites) {
    const suiteStarted = new Date();
    const loadMeter = new BackgroundLoadMeter();
    let result: SuiteResult;
    try {
      result = rounded(await (await suite.load()).run());
    } catch (error) {
      result = failedSuite(suite, suiteStarted, error);
    }
    const load = loadMeter.stop();
    const backgroundLoad = load && {
      otherProcessesCores: Math.round(load.otherProcessesCores * 100) / 100,
      benchCores: Math.round(load.benchCores * 100) / 100,
      hostStealShare: Math.round(load.hostStealShare * 1000) / 1000,
    };
    results.push(result);

    console.log('');
    for (const table of result.tables) console.log(`${renderTable(table)}\n`);
    if (result.targets.length > 0) {
      const passed = result.targets.filter((target) => target.pass).length;
      console.log(`targets: ${passed}/${result.targets.length} pass`);
      console.log(renderTargets(result.targets));
    }
    if (backgroundLoad) {
      const noisy = backgroundLoad.otherProcessesCores >= NOISY_NEIGHBOUR_CORES || backgroundLoad.hostStealShare >= NOISY_HOST_STEAL_SHARE;
      console.log(
        `background load: other processes used ${backgroundLoad.otherProcessesCores} of ${env.cpuCount} cores on average during this suite, ` +
          `and the host withheld ${(backgroundLoad.hostStealShare * 100).toFixed(1)}% of the CPU time this machine was ready to use (steal)` +
          (noisy ? ' — the machine was shared, so treat these numbers as noisy and prefer a quiet re-run.' : '.'),
      );
    }
    for (const error of result.errors) console.log(`ERROR ${result.name} / ${error.scenario}${error.target ? ` / ${error.target}` : ''}: ${error.message}`);
    const file = writeResultFile(result.name, timestamp, { environment: env, backgroundLoad, ...result });
    saved.push({ backgroundLoad, ...result });
    console.log(`\n${result.name}: ${(result.durationMs / 1_000).toFixed(1)} s · results in ${file}`);
  }
  const latest = writeLatest({ startedAt: runStarted.toISOString(), environment: env, suites: saved });
  console.log(`latest run: ${latest}`);

  const strays = liveChildCount();
  if (strays > 0) {
    console.log(`ERROR ${strays} child process(es) were still running after the suites; killed them.`);
    killLiveChildren();
    return 1;
  }
  return results.some((result) => result.errors.length > 0) ? 1 : 0;
}

process.on('exit', () => killLiveChildren());
main().then(
  (code) => {
    process.exitCode = code;
    // The run is over: everything should now be released and the process should end by itself.
    setTimeout(() => {
      console.error(`bench: still running ${EXIT_WATCHDOG_MS / 1000} s after the last suite; open handles: ${process.getActiveResourcesInfo().join(', ')}`);
      process.exit(code === 0 ? 2 : code);
    }, EXIT_WATCHDOG_MS).unref();
  },
  (error: unknown) => {
    console.error('bench failed:', error);
    killLiveChildren();
    process.exitCode = 1;
  },
);
