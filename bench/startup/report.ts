import { median } from '../percentiles.js';
import { formatNumber, formatRatio } from '../report-table.js';
import type { RssSummary } from '../process-stats.js';
import type { ReportTable, TargetCheck } from '../suite.js';
import type { CliPair } from './cli-calls.js';
import type { StartRun } from './server-starts.js';
import { COUNTS, TARGETS } from './settings.js';

export interface StartPairs {
  bare: StartRun[];
  gateway: StartRun[];
}

export interface StartupDetails {
  entry: string;
  starts: StartPairs;
  coldCacheStarts: StartPairs;
  /** Timed runs, then runs with the peak-RSS probe (peak-rss-probe.ts). */
  cliTimed: CliPair[];
  cliProbed: CliPair[];
  idleRss: { bare?: RssSummary; gateway?: RssSummary };
}

const COLUMNS = ['scenario', 'metric', 'yardstick', 'gateway', 'ratio', 'target'];

function medianOf<T>(runs: readonly T[], read: (run: T) => number | undefined): number | undefined {
  const values = runs.map(read).filter((value): value is number => value !== undefined && Number.isFinite(value));
  return values.length > 0 ? median(values) : undefined;
}

function maxOf<T>(runs: readonly T[], read: (run: T) => number | undefined): number | undefined {
  const values = runs.map(read).filter((value): value is number => value !== undefined && Number.isFinite(value));
  return values.length > 0 ? Math.max(...values) : undefined;
}

/**
 * The median of each gateway start's own ratio to the yardstick start just before it, and the
 * yardstick's range: shown beside the verdicts (which compare medians) because the bare start is
 * bimodal on some machines, and which mode its median lands in moves the ratio by ±0.5×.
 */
function spreadNote(starts: StartupDetails['starts']): string | undefined {
  const pairs = starts.bare.map((bare, index) => [bare.spawnToListeningMs, starts.gateway[index]] as const).filter(([bare, gateway]) => gateway !== undefined && bare > 0);
  if (pairs.length === 0) return undefined;
  const own = (read: (run: StartRun) => number | undefined) => median(pairs.map(([bare, gateway]) => (read(gateway as StartRun) ?? Number.NaN) / bare).filter(Number.isFinite));
  const bares = pairs.map(([bare]) => bare);
  return `spread: the yardstick ranged ${ms(Math.min(...bares))}–${ms(Math.max(...bares))}; the median of each start's own ratio (gateway ÷ the yardstick start just before it) was ${own((run) => run.spawnToListeningMs).toFixed(2)}× to the listening line and ${own((run) => run.spawnToHelloMs).toFixed(2)}× to hello-ok.`;
}

function ms(value: number | undefined): string {
  return formatNumber(value, 'ms');
}

function mib(value: number | undefined): string {
  return formatNumber(value, 'MiB');
}

function ratioCheck(name: string, rule: string, gateway: number | undefined, yardstick: number | undefined, limit: number, unit: string): TargetCheck {
  const ratio = gateway !== undefined && yardstick !== undefined && yardstick > 0 ? gateway / yardstick : undefined;
  return {
    name,
    rule,
    measured: `${formatNumber(gateway, unit)} vs ${formatNumber(yardstick, unit)} = ${formatRatio(gateway, yardstick)}`,
    pass: ratio !== undefined && ratio <= limit,
  };
}

function belowCheck(name: string, rule: string, value: number | undefined, limit: number): TargetCheck {
  return { name, rule, measured: mib(value), pass: value !== undefined && value < limit };
}

export function buildReport(details: StartupDetails): { tables: ReportTable[]; targets: TargetCheck[] } {
  const listening = {
    bare: medianOf(details.starts.bare, (run) => run.spawnToListeningMs),
    gateway: medianOf(details.starts.gateway, (run) => run.spawnToListeningMs),
  };
  const hello = medianOf(details.starts.gateway, (run) => run.spawnToHelloMs);
  const cold = {
    bare: medianOf(details.coldCacheStarts.bare, (run) => run.spawnToListeningMs),
    listening: medianOf(details.coldCacheStarts.gateway, (run) => run.spawnToListeningMs),
    hello: medianOf(details.coldCacheStarts.gateway, (run) => run.spawnToHelloMs),
  };
  const wall = { nodeEval: medianOf(details.cliTimed, (pair) => pair.nodeEval.wallMs), call: medianOf(details.cliTimed, (pair) => pair.call.wallMs) };
  const peak = {
    nodeEval: maxOf(details.cliProbed, (pair) => pair.nodeEval.probe?.peakRssMiB),
    call: maxOf(details.cliProbed, (pair) => pair.call.probe?.peakRssMiB),
  };
  const cpu = {
    nodeEval: medianOf(details.cliProbed, (pair) => pair.nodeEval.probe?.cpuMs),
    call: medianOf(details.cliProbed, (pair) => pair.call.probe?.cpuMs),
  };
  const idle = details.idleRss;

  const starts: ReportTable = {
    title: `startup · gateway start (${COUNTS.serverStarts} starts, warm compile cache) beside a bare Node http server`,
    columns: COLUMNS,
    rows: [
      ['port accepting', 'spawn → listening line (median)', ms(listening.bare), ms(listening.gateway), formatRatio(listening.gateway, listening.bare), `≤ ${TARGETS.listeningVsBare}×`],
      ['first hello-ok', 'spawn → hello-ok (median)', ms(listening.bare), ms(hello), formatRatio(hello, listening.bare), `≤ ${TARGETS.helloVsBare}×`],
      [`empty cache (${COUNTS.coldCacheStarts})`, 'spawn → listening line (median)', ms(cold.bare), ms(cold.listening), formatRatio(cold.listening, cold.bare), ''],
      ['', 'spawn → hello-ok (median)', ms(cold.bare), ms(cold.hello), formatRatio(cold.hello, cold.bare), ''],
    ],
    notes: [
      'yardstick: node -e "http.createServer().listen(0)" printing the same kind of line; the bench connects on the chunk that carries it.',
      'empty cache: the first start after an install or upgrade, before Node has cached the compiled bundle (gateway/cli/compile-cache.ts).',
      ...[spreadNote(details.starts)].filter((note): note is string => note !== undefined),
    ],
  };
  const cli: ReportTable = {
    title: `startup · \`gatehouse gateway call health\` (bin/gatehouse.js) beside \`node -e 0\``,
    columns: COLUMNS,
    rows: [
      ['wall time', `spawn → exit (median of ${COUNTS.cliCalls})`, ms(wall.nodeEval), ms(wall.call), formatRatio(wall.call, wall.nodeEval), `≤ ${TARGETS.callVsNodeEval}×`],
      ['memory', `peak RSS (highest of ${COUNTS.memoryRuns})`, mib(peak.nodeEval), mib(peak.call), formatRatio(peak.call, peak.nodeEval), `< ${TARGETS.callPeakRssMiB} MiB`],
      ['CPU', 'user + system (median)', ms(cpu.nodeEval), ms(cpu.call), formatRatio(cpu.call, cpu.nodeEval), ''],
    ],
    notes: [`entry: ${details.entry}`, 'peak RSS and CPU come from a preloaded probe reporting getrusage() as the process exits (peak-rss-probe.ts), in runs apart from the timed ones.'],
  };
  const memory: ReportTable = {
    title: 'startup · idle RSS after one handshake, beside the bare Node http server',
    columns: COLUMNS,
    rows: [
      ['idle RSS', 'peak of 1 s, from 3 s after listening', mib(idle.bare?.peakMiB), mib(idle.gateway?.peakMiB), formatRatio(idle.gateway?.peakMiB, idle.bare?.peakMiB), `< ${TARGETS.idleRssMiB} MiB`],
      ['', 'mean of the same samples', mib(idle.bare?.meanMiB), mib(idle.gateway?.meanMiB), formatRatio(idle.gateway?.meanMiB, idle.bare?.meanMiB), ''],
    ],
  };

  const targets: TargetCheck[] = [
    ratioCheck('port accepting', `gateway spawn → listening ≤ ${TARGETS.listeningVsBare}× bare Node server`, listening.gateway, listening.bare, TARGETS.listeningVsBare, 'ms'),
    ratioCheck('first hello-ok', `gateway spawn → hello-ok ≤ ${TARGETS.helloVsBare}× bare Node server start`, hello, listening.bare, TARGETS.helloVsBare, 'ms'),
    ratioCheck('call health wall', `gatehouse gateway call health ≤ ${TARGETS.callVsNodeEval}× node -e 0`, wall.call, wall.nodeEval, TARGETS.callVsNodeEval, 'ms'),
    belowCheck('call health peak RSS', `< ${TARGETS.callPeakRssMiB} MiB`, peak.call, TARGETS.callPeakRssMiB),
    belowCheck('idle gateway RSS', `< ${TARGETS.idleRssMiB} MiB (peak of 1 s idle)`, idle.gateway?.peakMiB, TARGETS.idleRssMiB),
  ];
  return { tables: [starts, cli, memory], targets };
}
