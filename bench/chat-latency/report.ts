import { formatNumber } from '../report-table.js';
import type { ReportTable, ScenarioError, TargetCheck } from '../suite.js';
import type { StreamScenarioResult } from './batch.js';
import { SCENARIOS, type ScenarioKey } from './settings.js';
import type { ChatLatencyDetails } from './suite.js';

/** The issue's targets: gateway overhead on provider-token → client latency. */
export const TARGETS = { overheadP50Ms: 1, overheadP99Ms: 5 } as const;

/**
 * Issue 17's targets for the start of a run: request → first token, gateway p50 − ceiling p50, for
 * one session and for fifty sessions sent in the same instant. Judged on the figure with the
 * provider's set first-token delay (StreamScenarioResult.firstTokenSetDelayMs): the stand-in's
 * token grid makes its real wait anything from that delay to one interval more, by where on the
 * grid a request lands — up to 20 ms either way in the 20 ms scenarios, against a 10 ms target.
 * With one session the grid hid the gateway's slower request instead: each round starts just
 * after the last one's final token, itself on the grid, so both readers' requests tend to land
 * before the same slot, and the provider's wait absorbed the difference.
 */
export const FIRST_TOKEN_TARGETS: Partial<Record<ScenarioKey, number>> = { single: 2, simultaneous: 10 };

function known(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}

function ms(value: number | undefined): string {
  return known(value) ? formatNumber(value, 'ms') : 'n/a';
}

function signedMs(value: number | undefined): string {
  if (!known(value)) return '—';
  return `${value >= 0 ? '+' : '-'}${formatNumber(Math.abs(value), 'ms')}`;
}

function whole(value: number | undefined, suffix = ''): string {
  return known(value) ? `${Math.round(value).toLocaleString('en-US')}${suffix}` : 'n/a';
}

interface Row {
  metric: string;
  cell: (result: StreamScenarioResult) => string;
  /** Gateway − ceiling, shown in the overhead column. */
  overhead?: (gateway: StreamScenarioResult, ceiling: StreamScenarioResult) => number;
  target?: 'p50' | 'p99' | 'first';
  /** Not for the ceiling, which runs inside the bench process. */
  serverOnly?: boolean;
}

const ROWS: readonly Row[] = [
  { metric: 'token latency p50', cell: (r) => ms(r.latencyMs.p50), overhead: (g, c) => g.latencyMs.p50 - c.latencyMs.p50, target: 'p50' },
  { metric: 'token latency p90', cell: (r) => ms(r.latencyMs.p90), overhead: (g, c) => g.latencyMs.p90 - c.latencyMs.p90 },
  { metric: 'token latency p99', cell: (r) => ms(r.latencyMs.p99), overhead: (g, c) => g.latencyMs.p99 - c.latencyMs.p99, target: 'p99' },
  { metric: 'token latency max', cell: (r) => ms(r.latencyMs.max), overhead: (g, c) => g.latencyMs.max - c.latencyMs.max },
  { metric: 'tokens measured / expected', cell: (r) => `${whole(r.tokensMeasured)} / ${whole(r.tokensExpected)}` },
  { metric: 'lost + duplicated tokens', cell: (r) => whole(r.missingTokens + r.duplicateTokens) },
  {
    metric: 'request → first token p50 (provider waits its set first-token delay)',
    cell: (r) => ms(r.firstTokenSetDelayMs.p50),
    overhead: (g, c) => g.firstTokenSetDelayMs.p50 - c.firstTokenSetDelayMs.p50,
    target: 'first',
  },
  {
    metric: 'request → first token max (provider waits its set first-token delay)',
    cell: (r) => ms(r.firstTokenSetDelayMs.max),
    overhead: (g, c) => g.firstTokenSetDelayMs.max - c.firstTokenSetDelayMs.max,
  },
  {
    metric: 'request → first token p50 as it came (provider waits for its grid slot)',
    cell: (r) => ms(r.firstTokenMs.p50),
    overhead: (g, c) => g.firstTokenMs.p50 - c.firstTokenMs.p50,
  },
  { metric: 'provider streams open at once (peak)', cell: (r) => whole(r.providerPeakConcurrent) },
  { metric: 'bytes to the reader per token', cell: (r) => whole(r.wireBytesPerToken, ' B') },
  { metric: 'messages per token (SSE reads / WS event frames)', cell: (r) => (known(r.messagesPerToken) ? r.messagesPerToken.toFixed(2) : 'n/a') },
  { metric: 'tokens/s offered / delivered', cell: (r) => `${whole(r.tokensPerSecondOffered)} / ${whole(r.tokensPerSecond)}` },
  { metric: 'provider timer lag p99 (bench process busy)', cell: (r) => ms(r.providerWriteLagMs.p99) },
  { metric: 'bench process CPU (provider + reader, % of a core)', cell: (r) => whole(r.benchCpuPercent, ' %') },
  { metric: 'server process CPU (gateway / relay, % of a core)', cell: (r) => whole(r.gatewayCpuPercent, ' %'), serverOnly: true },
];

function ruleFor(target: 'p50' | 'p99' | 'first', key: ScenarioKey): string {
  if (target === 'first') return `overhead < ${FIRST_TOKEN_TARGETS[key] ?? Number.NaN} ms`;
  return target === 'p50' ? `overhead < ${TARGETS.overheadP50Ms} ms` : `overhead < ${TARGETS.overheadP99Ms} ms`;
}

/** The name a row's target check goes by. */
function checkName(title: string, target: 'p50' | 'p99' | 'first'): string {
  return target === 'first' ? `${title} first token p50` : `${title} ${target}`;
}

export function evaluateTargets(details: ChatLatencyDetails): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const { key, title } of SCENARIOS.filter((setting) => setting.targeted)) {
    const { ceiling, gateway } = details.scenarios[key];
    for (const target of ['p50', 'p99'] as const) {
      const limit = target === 'p50' ? TARGETS.overheadP50Ms : TARGETS.overheadP99Ms;
      const name = `${title} ${target}`;
      const rule = `gateway − ceiling ${target} < ${limit} ms, no token lost`;
      if (!ceiling || !gateway) {
        checks.push({ name, rule, measured: 'n/a (scenario did not complete)', pass: false });
        continue;
      }
      const overhead = gateway.latencyMs[target] - ceiling.latencyMs[target];
      const lost = gateway.missingTokens + gateway.duplicateTokens + gateway.finalsMissingTokens;
      checks.push({
        name,
        rule,
        measured: `gateway ${ms(gateway.latencyMs[target])} − ceiling ${ms(ceiling.latencyMs[target])} = ${signedMs(overhead)}, ${lost} lost/duplicated`,
        pass: known(overhead) && overhead < limit && lost === 0,
      });
    }
  }
  for (const { key, title } of SCENARIOS) {
    const limit = FIRST_TOKEN_TARGETS[key];
    if (limit === undefined) continue;
    const { ceiling, gateway } = details.scenarios[key];
    const name = checkName(title, 'first');
    const rule = `request → first token (provider waits its set delay): gateway − ceiling p50 < ${limit} ms`;
    if (!ceiling || !gateway) {
      checks.push({ name, rule, measured: 'n/a (scenario did not complete)', pass: false });
      continue;
    }
    const overhead = gateway.firstTokenSetDelayMs.p50 - ceiling.firstTokenSetDelayMs.p50;
    const asItCame = gateway.firstTokenMs.p50 - ceiling.firstTokenMs.p50;
    checks.push({
      name,
      rule,
      measured: `gateway ${ms(gateway.firstTokenSetDelayMs.p50)} − ceiling ${ms(ceiling.firstTokenSetDelayMs.p50)} = ${signedMs(overhead)} (as it came, with the grid: ${signedMs(asItCame)})`,
      pass: known(overhead) && overhead < limit,
    });
  }
  return checks;
}

export function buildReport(details: ChatLatencyDetails, errors: ScenarioError[]): { tables: ReportTable[]; targets: TargetCheck[] } {
  const targets = evaluateTargets(details);
  const rows: string[][] = [];
  for (const { key, title, relayFloor } of SCENARIOS) {
    const { ceiling, relay, gateway } = details.scenarios[key as ScenarioKey];
    ROWS.forEach((row, index) => {
      const rowTarget = row.target;
      const check = rowTarget ? targets.find((target) => target.name === checkName(title, rowTarget)) : undefined;
      const rule = rowTarget && check ? ruleFor(rowTarget, key as ScenarioKey) : rowTarget && rowTarget !== 'first' ? 'reported only' : '';
      rows.push([
        index === 0 ? title : '',
        row.metric,
        row.serverOnly ? '' : ceiling ? row.cell(ceiling) : 'n/a',
        relayFloor ? (relay ? row.cell(relay) : 'n/a') : '',
        gateway ? row.cell(gateway) : 'n/a',
        row.overhead && ceiling && gateway ? signedMs(row.overhead(gateway, ceiling)) : '',
        rule,
        check ? (check.pass ? 'PASS' : 'FAIL') : '',
      ]);
    });
  }
  const paces = SCENARIOS.map(({ title, scenario }) => `${title}: ${scenario.intervalMs} ms`).join(', ');
  const spacing = SCENARIOS.filter(({ scenario }) => scenario.sessions > 1)
    .map(({ title, scenario }) => `${title}: ${scenario.startSpacingMs === 0 ? 'all at once' : `${scenario.startSpacingMs} ms apart`}`)
    .join(', ');
  const notes = [
    `token latency = provider wrote the SSE chunk → the reader had it, both stamped with performance.timeOrigin + now() in the bench process (provider runs in-process).`,
    `provider stand-in: ${details.provider.tokens} tokens per stream; token spacing ${paces}; streams share a 1-ms-phase grid so both readers face the same write bursts.`,
    'request → first token (judged) = (request sent → provider received it) + the set first-token delay (one interval) + (first token written → reader had it): the grid makes the real wait up to one interval longer, by where a request lands on it; the row "as it came" keeps that wait.',
    `session starts (same schedule for both readers): ${spacing}.`,
    'ceiling = the same SSE read directly with fetch in the bench process (one HTTP hop); gateway = provider → gateway (AI SDK) → `chat` delta over WebSocket to one operator.',
    'overhead = gateway percentile − ceiling percentile; each scenario warms up with one single-stream run first.',
    'relay floor = the least a separate gateway process could do (relay-server.ts): fetch the SSE, JSON.parse each event, send the same two frames per token; no AI SDK, auth, state or transcript. Reported, not judged.',
    `gateway config: agents.defaults.maxConcurrent = ${details.gatewayMaxConcurrent} (default on this box would be max(8, 4 × cores)).`,
  ];
  for (const { key, title } of SCENARIOS) {
    const { ceiling, relay, gateway } = details.scenarios[key];
    if (ceiling && relay) {
      notes.push(`${title}: relay floor − ceiling p50 ${signedMs(relay.latencyMs.p50 - ceiling.latencyMs.p50)}, p99 ${signedMs(relay.latencyMs.p99 - ceiling.latencyMs.p99)}.`);
    }
    if (gateway && gateway.finalsMissingTokens > 0) notes.push(`${title}: ${gateway.finalsMissingTokens} final event(s) whose text did not hold every token.`);
    if (gateway && gateway.providerPeakConcurrent < gateway.sessions) {
      notes.push(`${title}: only ${gateway.providerPeakConcurrent} of ${gateway.sessions} gateway streams were open at once (queued by maxConcurrent?).`);
    }
  }
  const exit = details.gatewayExit;
  if (exit && (exit.code !== 0 || exit.killed)) notes.push(`gateway did not stop cleanly on SIGTERM: code ${exit.code}, signal ${exit.signal}${exit.killed ? ' (SIGKILLed)' : ''}.`);
  for (const error of errors) notes.push(`ERROR in ${error.scenario}${error.target ? ` (${error.target})` : ''}: ${error.message.split('\n')[0]}`);
  return {
    tables: [
      {
        title: 'chat-latency: provider token → `chat` delta at the client, gateway vs. direct SSE ceiling',
        columns: ['scenario', 'metric', 'ceiling', 'relay floor', 'gateway', 'overhead', 'target', 'result'],
        rows,
        notes,
      },
    ],
    targets,
  };
}
