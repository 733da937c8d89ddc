import { formatNumber } from '../report-table.js';
import type { ReportTable, TargetCheck } from '../suite.js';
import type { FlatnessVerdict, Trend } from './flatness.js';
import { describeHandleGrowth, type GatewaySample } from './gateway-sampler.js';
import { formatClock } from './protocol-problems.js';
import { FLAT_RULES, SETTLE_AFTER_MS, WARMUP_FRACTION } from './settings.js';
import type { IdleReading, SoakDetails } from './suite.js';

/** At most about this many rows in the console's time series; the results file keeps every sample. */
const SERIES_ROWS = 31;
const SAMPLES_PER_MINUTE = 6;
const FAILURES_SHOWN_PER_KIND = 3;

/** Counts stay whole numbers ("36", not "36.0"); everything else gets formatNumber's decimals. */
function formatValue(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : formatNumber(value);
}

function signed(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 0 ? '+' : ''}${formatValue(value)}${unit ? ` ${unit}` : ''}`;
}

/** Where warm-up ended; never, in a run whose database stayed smaller than SQLite's page cache (flatness.ts, warmupEnd). */
function warmupClock(warmupEndsMs: number): string {
  return Number.isFinite(warmupEndsMs) ? formatClock(warmupEndsMs) : 'the end (the database never outgrew SQLite’s page cache)';
}

/** Every sample for a short run; whole minutes apart (and always the last one) for a long one. */
function seriesRows(samples: readonly GatewaySample[], warmupEndsMs: number): string[][] {
  const step = samples.length <= SERIES_ROWS ? 1 : SAMPLES_PER_MINUTE * Math.ceil(samples.length / SERIES_ROWS / SAMPLES_PER_MINUTE);
  const shown = samples.filter((_, index) => index % step === 0 || index === samples.length - 1);
  return shown.map((sample) => [
    formatClock(sample.atMs),
    sample.atMs < warmupEndsMs ? 'warm-up' : 'judged',
    formatNumber(sample.rssMiB),
    ...memoryCells(sample),
    String(sample.fds),
    String(sample.sockets),
    formatNumber(sample.cpuPercent),
    String(sample.opsOk),
    String(sample.opsFailed),
  ]);
}

const MEMORY_COLUMNS = ['V8 heap', 'heap used', 'external', 'malloc brk', 'other anon', 'file-backed', 'database'];

/** What RSS is made of: V8's resident heap, the main malloc heap, other anonymous memory (thread arenas, stacks) and file pages. */
function memoryCells(sample: GatewaySample): string[] {
  const { memory, rss } = sample;
  const optional = (value: number | undefined) => (value === undefined ? 'n/a' : formatNumber(value));
  return [
    optional(memory?.v8PhysicalMiB),
    optional(memory?.heapUsedMiB),
    optional(memory?.externalMiB),
    optional(rss?.brkMiB),
    optional(rss && memory ? rss.anonymousMiB - memory.v8PhysicalMiB : undefined),
    optional(rss?.fileMiB),
    optional(sample.store?.databaseMiB),
  ];
}

function idleRow(label: string, sample: GatewaySample | undefined): string[] {
  if (!sample) return [label, '', 'n/a', ...MEMORY_COLUMNS.map(() => 'n/a'), 'n/a', 'n/a', '', '', ''];
  return [label, 'idle', formatNumber(sample.rssMiB), ...memoryCells(sample), String(sample.fds), String(sample.sockets), '', '', ''];
}

function flatnessTarget(verdict: FlatnessVerdict): TargetCheck {
  const rule = FLAT_RULES[verdict.metric];
  return {
    name: `${rule.label} flat after warm-up`,
    rule: `slope < ${rule.maxSlopePer10Min} ${rule.unit}/10 min and last − first < ${rule.maxDrift} ${rule.unit} (after ${warmupClock(verdict.warmupEndsMs)})`,
    measured:
      verdict.note ??
      `slope ${signed(verdict.slopePer10Min, `${rule.unit}/10 min`)}, drift ${signed(verdict.drift, rule.unit)} (${formatValue(verdict.first)} → ${formatValue(verdict.last)})`,
    pass: verdict.pass,
  };
}

/** The idle gateway after the run against the idle baseline read after the priming round: like with like. */
export function handlesBackToIdle(before: IdleReading | undefined, after: IdleReading | undefined): TargetCheck {
  const rule = `fds and sockets ≤ the idle baseline (read after a priming round), within ${SETTLE_AFTER_MS / 1_000} s of the last client leaving`;
  if (!before || !after) return { name: 'handles back to idle', rule, measured: 'not read', pass: false };
  const grew = describeHandleGrowth(before.handleKinds, after.handleKinds);
  return {
    name: 'handles back to idle',
    rule,
    measured: `fds ${before.fds} → ${after.fds}, sockets ${before.sockets} → ${after.sockets}${grew ? ` (more than the baseline: ${grew})` : ''}`,
    pass: after.fds <= before.fds && after.sockets <= before.sockets,
  };
}

export function buildReport(details: SoakDetails): { tables: ReportTable[]; targets: TargetCheck[] } {
  const { samples, warmupEndsMs, operations, protocolProblems, gatewayLog, idleCold, idleBefore, idleAfter } = details;
  const minutes = ((details.trafficMs ?? details.plannedMs) / 60_000).toFixed(1);

  const series: ReportTable = {
    title: `soak · the gateway over ${minutes} min (RSS, its parts, open descriptors and sockets from /proc, the V8 heap through the inspector; warm-up until ${warmupClock(warmupEndsMs)})`,
    columns: ['t', 'phase', 'RSS MiB', ...MEMORY_COLUMNS, 'fds', 'sockets', 'CPU %', 'ops ok', 'ops failed'],
    rows: [idleRow('cold', idleCold), idleRow('before', idleBefore), ...seriesRows(samples, warmupEndsMs), idleRow('after', idleAfter)],
    notes: [
      `cold: the gateway alone before any client connected. before (the baseline): alone again after a priming round of one of each operation on clients of their own` +
        (idleCold && idleBefore ? ` (opened on first use and kept: ${describeHandleGrowth(idleCold.handleKinds, idleBefore.handleKinds) || 'nothing'})` : '') +
        `. after: once every soak client had gone (${idleAfter ? `${formatNumber(idleAfter.settledAfterMs / 1_000)} s later` : 'not read'}).`,
      `${samples.length} samples every ${details.sampleIntervalMs / 1_000} s${samples.length > SERIES_ROWS ? '; the results file has all of them' : ''}. CPU is % of one core since the previous sample.`,
      'MiB. V8 heap: its resident pages, every space; heap used: what its objects take, garbage included; external: what V8 is told lives outside it (Buffers, …; not all of it resident). ' +
        'malloc brk: the main malloc heap (SQLite’s page cache among it); other anon: anonymous RSS that is not the V8 heap (malloc’s thread arenas and mmapped blocks, stacks); file-backed: node, its libraries and the -shm file; database: gatehouse.sqlite on disk (the WAL aside).',
    ],
  };

  const failureNotes = operations.flatMap((tally) => tally.failures.slice(0, FAILURES_SHOWN_PER_KIND));
  const operationsTable: ReportTable = {
    title: 'soak · operations (open loop, each kind on its own fixed schedule)',
    columns: ['operation', 'per min', 'started', 'ok', 'failed', 'skipped', 'p50 ms', 'p99 ms', 'max ms'],
    rows: operations.map((tally) => [
      tally.name,
      String(tally.perMinute),
      String(tally.started),
      String(tally.ok),
      String(tally.failed),
      String(tally.skipped),
      formatNumber(tally.durationMs.p50),
      formatNumber(tally.durationMs.p99),
      formatNumber(tally.durationMs.max),
    ]),
    notes: [
      ...failureNotes.map((failure) => `failure ${failure}`),
      ...(details.nodeHost?.failures ?? []).slice(0, FAILURES_SHOWN_PER_KIND).map((failure) => `node host: ${failure}`),
      ...protocolProblems.examples.slice(0, 5).map((problem) => `protocol ${problem}`),
      ...(gatewayLog?.examples ?? []).map((line) => `gateway log ${line}`),
      ...(gatewayLog?.warningExamples ?? []).map((line) => `gateway log ${line}`),
    ],
  };

  const trendRow = (label: string, trend: Trend) => [
    label,
    String(trend.judgedSamples),
    formatValue(trend.first),
    formatValue(trend.last),
    signed(trend.drift, ''),
    signed(trend.slopePer10Min, ''),
    formatValue(trend.min),
    formatValue(trend.max),
  ];
  const flatnessTable: ReportTable = {
    title: `soak · after warm-up (RSS from ${warmupClock(warmupEndsMs)}, handles from ${formatClock(details.plannedMs * WARMUP_FRACTION)}): least-squares slope and last − first`,
    columns: ['metric', 'samples', 'first', 'last', 'drift', 'slope /10 min', 'min', 'max'],
    rows: [
      ...details.flatness.flatMap((verdict) => {
        const rule = FLAT_RULES[verdict.metric];
        const row = trendRow(`${rule.label} (${rule.unit})`, verdict);
        return verdict.metric === 'rssMiB' ? [row, ...details.memoryParts.map((part) => trendRow(`  ${part.label}`, part))] : [row];
      }),
    ],
    notes: [
      'The indented rows take RSS apart (MiB; as in the series above) and have no target: they say which part grows.',
    ],
  };

  const failed = operations.reduce((sum, tally) => sum + tally.failed, 0);
  const skipped = operations.reduce((sum, tally) => sum + tally.skipped, 0);
  const started = operations.reduce((sum, tally) => sum + tally.started, 0);
  const byKind = operations
    .filter((tally) => tally.failed + tally.skipped > 0)
    .map((tally) => `${tally.name} ${tally.failed}+${tally.skipped}`)
    .join(', ');
  const problemKinds = Object.entries(protocolProblems.counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');

  const targets: TargetCheck[] = [
    ...details.flatness.map(flatnessTarget),
    handlesBackToIdle(idleBefore, idleAfter),
    {
      name: 'protocol errors',
      rule: '0 (bad frames, unknown events, stray responses, seq gaps, unexpected closes)',
      measured: protocolProblems.total === 0 ? '0' : `${protocolProblems.total} (${problemKinds})`,
      pass: protocolProblems.total === 0,
    },
    {
      name: 'failed operations',
      rule: '0 failed and 0 skipped',
      measured: failed + skipped === 0 ? `0 of ${started}` : `${failed} failed + ${skipped} skipped of ${started + skipped} (${byKind})`,
      pass: failed + skipped === 0 && started > 0,
    },
    {
      name: 'gateway log',
      rule: '0 error or fatal lines',
      measured: gatewayLog ? `${gatewayLog.errors} of ${gatewayLog.lines} lines (${gatewayLog.warnings} warnings)${gatewayLog.rotated ? ', file rotated: early lines unread' : ''}` : 'not read',
      pass: gatewayLog !== undefined && gatewayLog.errors === 0,
    },
  ];
  return { tables: [series, operationsTable, flatnessTable], targets };
}
