import { median } from '../percentiles.js';
import { formatNumber } from '../report-table.js';
import type { ReportTable, TargetCheck } from '../suite.js';
import type { StartSample } from './gateway-runs.js';
import type { LatenessResult, ListResult } from './scenarios.js';
import { CRON_BENCH, TARGETS } from './settings.js';

export interface CronBenchDetails {
  jobs: number;
  emptyStarts: StartSample[];
  loadedStarts: StartSample[];
  /** The start the list and lateness scenarios ran on (its RSS counts too). */
  measuredStart?: StartSample;
  list?: ListResult;
  lateness?: LatenessResult;
}

function known(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

function cell(value: number | undefined, unit: string): string {
  return known(value) ? formatNumber(value, unit) : 'n/a';
}

function startMedians(samples: readonly StartSample[]) {
  return {
    listening: samples.length > 0 ? median(samples.map((s) => s.spawnToListeningMs)) : undefined,
    hello: samples.length > 0 ? median(samples.map((s) => s.spawnToHelloMs)) : undefined,
    rss: samples.length > 0 ? median(samples.map((s) => s.settledRssMiB)) : undefined,
  };
}

/** RSS with the jobs minus RSS without, scaled to 10,000 jobs. */
export function rssGrowthPer10k(details: CronBenchDetails): number | undefined {
  const loaded = [...details.loadedStarts, ...(details.measuredStart ? [details.measuredStart] : [])];
  const empty = startMedians(details.emptyStarts).rss;
  const full = startMedians(loaded).rss;
  return known(empty) && known(full) ? ((full - empty) * 10_000) / details.jobs : undefined;
}

export function evaluateTargets(details: CronBenchDetails): TargetCheck[] {
  const listP50 = details.list?.roundTripMs.p50;
  const growth = rssGrowthPer10k(details);
  const lateness = details.lateness;
  const latenessP99 = lateness?.startLatenessMs.p99;
  return [
    {
      name: 'cron.list',
      rule: `p50 < ${TARGETS.listP50Ms} ms for ${details.jobs.toLocaleString('en-US')} jobs`,
      measured: known(listP50) ? `${cell(listP50, 'ms')} (${details.list?.jobs ?? 0} jobs)` : 'n/a (scenario did not complete)',
      pass: known(listP50) && listP50 < TARGETS.listP50Ms && details.list?.jobs === details.jobs,
    },
    {
      name: 'RSS per 10,000 jobs',
      rule: `< ${TARGETS.rssPer10kJobsMiB} MiB (settled RSS with the jobs − without)`,
      measured: known(growth) ? cell(growth, 'MiB') : 'n/a (scenario did not complete)',
      pass: known(growth) && growth < TARGETS.rssPer10kJobsMiB,
    },
    {
      name: 'firing lateness',
      rule: `p99 < ${TARGETS.latenessP99Ms} ms (start − due, ${CRON_BENCH.dueJobsPerRound} due at once), none missed`,
      measured: lateness && known(latenessP99) ? `${cell(latenessP99, 'ms')}, ${lateness.notStarted} not started` : 'n/a (scenario did not complete)',
      pass: lateness !== undefined && known(latenessP99) && latenessP99 < TARGETS.latenessP99Ms && lateness.notStarted === 0,
    },
  ];
}

export function buildReport(details: CronBenchDetails): { tables: ReportTable[]; targets: TargetCheck[] } {
  const targets = evaluateTargets(details);
  const empty = startMedians(details.emptyStarts);
  const loaded = startMedians([...details.loadedStarts, ...(details.measuredStart ? [details.measuredStart] : [])]);
  const growth = rssGrowthPer10k(details);
  const list = details.list;
  const late = details.lateness;
  const pass = (name: string) => {
    const target = targets.find((candidate) => candidate.name === name);
    return target ? (target.pass ? 'pass' : 'MISS') : '';
  };
  const jobs = details.jobs.toLocaleString('en-US');
  const rows: string[][] = [
    ['start-up', 'spawn → listening line (median)', cell(empty.listening, 'ms'), cell(loaded.listening, 'ms'), ''],
    ['', 'spawn → hello-ok (median)', cell(empty.hello, 'ms'), cell(loaded.hello, 'ms'), ''],
    ['RSS', 'settled after start (median)', cell(empty.rss, 'MiB'), cell(loaded.rss, 'MiB'), ''],
    ['', `added per 1,000 jobs`, '', cell(known(growth) ? growth / 10 : undefined, 'MiB'), ''],
    ['', `added per 10,000 jobs`, '', cell(growth, 'MiB'), pass('RSS per 10,000 jobs')],
    ['cron.list', `round trip p50 (${CRON_BENCH.listCalls} sequential, all jobs)`, '', cell(list?.roundTripMs.p50, 'ms'), pass('cron.list')],
    ['', 'round trip p99', '', cell(list?.roundTripMs.p99, 'ms'), ''],
    ['', 'gateway CPU per call (mean; less swayed by other load than the round trip)', '', cell(list?.gatewayCpuMsPerCall, 'ms'), ''],
    ['', 'payload size', '', list ? `${Math.round(list.payloadBytes / 1024).toLocaleString('en-US')} KiB` : 'n/a', ''],
    ['firing', `start − due p50 (${CRON_BENCH.rounds} rounds × ${CRON_BENCH.dueJobsPerRound} at once)`, '', cell(late?.startLatenessMs.p50, 'ms'), ''],
    ['', 'start − due p99', '', cell(late?.startLatenessMs.p99, 'ms'), pass('firing lateness')],
    ['', 'start − due max', '', cell(late?.startLatenessMs.max, 'ms'), ''],
    ['', '`started` event at the client − due p99', '', cell(late?.eventLatenessMs.p99, 'ms'), ''],
    ['', 'due jobs that did not start', '', late ? String(late.notStarted) : 'n/a', ''],
  ];
  return {
    tables: [
      {
        title: `cron: the scheduler with ${jobs} enabled jobs`,
        columns: ['scenario', 'metric', 'no jobs', `${jobs} jobs`, 'target'],
        rows,
        notes: [
          'Jobs are written into the stopped gateway\'s store (the control-plane write limit allows 30 cron.add a minute); the due jobs are main-session reminders.',
          'RSS is read once per start after the gateway idled; growth = median with the jobs − median without.',
        ],
      },
    ],
    targets,
  };
}
