import { formatNumber } from '../report-table.js';
import type { TargetCheck } from '../suite.js';
import type { MonitoredFuzz } from './monitored-fuzz.js';

const count = (value: number) => Math.round(value).toLocaleString('en-US');

function ends(fuzz: MonitoredFuzz): string {
  return Object.entries(fuzz.report.ends)
    .sort((a, b) => b[1] - a[1])
    .map(([end, sockets]) => `${end} × ${count(sockets)}`)
    .join(', ');
}

/** The rows both fuzz suites print: what was sent, how sockets ended, and what it cost the gateway. */
export function fuzzRows(fuzz: MonitoredFuzz): string[][] {
  const { report, healthMs, rss } = fuzz;
  const huge = Object.entries(report.framesByKind)
    .filter(([kind]) => kind.endsWith('-huge'))
    .reduce((sum, [, frames]) => sum + frames, 0);
  return [
    ['frames sent (seed)', `${count(report.framesSent)} (seed ${report.seed})`],
    ['frame kinds / of them ≥ 16 MiB', `${Object.keys(report.framesByKind).length} / ${count(huge)}`],
    ['sockets before / after the handshake', `${count(report.sockets.preauth)} / ${count(report.sockets.postauth)}`],
    ['how the sockets ended', ends(fuzz)],
    ['answers to fuzz frames', count(report.answers)],
    ['duration · frames/s', `${formatNumber(report.durationMs / 1_000, 's')} · ${count(report.framesSent / (report.durationMs / 1_000))}`],
    ['well-behaved health p50 / p99 / max', `${formatNumber(healthMs.p50)} / ${formatNumber(healthMs.p99)} / ${formatNumber(healthMs.max, 'ms')} (${count(healthMs.count)} calls)`],
    ['gateway CPU during the fuzz', formatNumber(fuzz.gatewayCpuSeconds, 's')],
    ['gateway RSS before / peak / right after', `${formatNumber(rss.beforeMiB)} / ${formatNumber(rss.peakMiB)} / ${formatNumber(rss.afterMiB, 'MiB')}`],
  ];
}

/** The fuzz test's checks as a benchmark target: up, answering, only expected closes, no crash signs. */
export function fuzzChecksTarget(fuzz: MonitoredFuzz | undefined): TargetCheck {
  const rule = 'gateway up; health answered during and after; only 1000/1007/1008/1009 closes; no crash signs in its output or log';
  if (!fuzz) return { name: '0 crashes', rule, measured: 'n/a (the fuzz did not complete)', pass: false };
  return { name: '0 crashes', rule, measured: fuzz.problems.length === 0 ? 'all held' : fuzz.problems.slice(0, 5).join('; '), pass: fuzz.problems.length === 0 };
}
