import { crashSigns } from './crash-signs.js';
import type { FuzzRunReport } from './fuzz-run.js';
import type { HealthProbeResult } from './health-probe.js';

/**
 * How the gateway may end a fuzz socket: 1000 (unparseable first frame), 1007 (not UTF-8),
 * 1008 (policy: not a request, malformed-frame budget, fragment or chunk drip), 1009 (too
 * large); `client` = the fuzzer closed it. Anything else (1011 above all) is a finding.
 */
export const EXPECTED_ENDS: ReadonlySet<string> = new Set(['gateway 1000', 'gateway 1007', 'gateway 1008', 'gateway 1009', 'client']);

export interface FuzzEvidence {
  framesWanted: number;
  report: FuzzRunReport;
  probe: HealthProbeResult;
  /** A fresh `health` after the run: true when answered ok. */
  healthAfter: boolean;
  gatewayRunning: boolean;
  /** Everything the gateway printed and logged during the run. */
  output: string;
}

/** What the fuzz test and the fuzz benchmarks both require; an empty list means it held. */
export function fuzzProblems(evidence: FuzzEvidence): string[] {
  const problems: string[] = [];
  const { report, probe } = evidence;
  if (!evidence.gatewayRunning) problems.push('the gateway exited');
  if (report.framesSent < evidence.framesWanted) problems.push(`only ${report.framesSent} of ${evidence.framesWanted} frames were sent`);
  for (const [end, count] of Object.entries(report.ends)) {
    if (!EXPECTED_ENDS.has(end)) problems.push(`${count} socket(s) ended with ${end}`);
  }
  if (probe.latenciesMs.length === 0) problems.push('the well-behaved client got no health answer during the run');
  if (probe.failures.length > 0) problems.push(`the well-behaved client's health failed ${probe.failures.length} time(s): ${probe.failures.slice(0, 3).join('; ')}`);
  if (probe.closed) problems.push(`the well-behaved client's socket: ${probe.closed}`);
  if (!evidence.healthAfter) problems.push('health on a fresh connection after the run failed');
  for (const line of crashSigns(evidence.output)) problems.push(`gateway output: ${line}`);
  return problems;
}
