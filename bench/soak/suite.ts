import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderStub, type ProviderStubOptions } from '../chat-latency/provider-stub.js';
import { distribution, type Distribution } from '../percentiles.js';
import type { ProcessExit } from '../server-process.js';
import { benchToken, startGateway, type ServerUnderTest } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import { judgeFlatness, warmupEnd, type FlatnessVerdict } from './flatness.js';
import { memoryPartTrends, type MemoryPartTrend } from './memory-parts.js';
import { soakGatewayConfig } from './gateway-config.js';
import { GatewayInspector, inspectorUrlFrom, withInspectorFlag } from './gateway-inspector.js';
import { GatewaySampler, readHandleKinds, type GatewaySample } from './gateway-sampler.js';
import { reviewGatewayLog, type LogReview } from './log-review.js';
import { ReconnectingClients } from './operations/reconnects.js';
import { primeGateway } from './priming.js';
import { formatClock, ProtocolProblems, type ProblemKind } from './protocol-problems.js';
import { buildReport } from './report.js';
import { FLAT_RULES, PROVIDER, SAMPLE_INTERVAL_MS, SETTLE_AFTER_MS, SETUP_TIMEOUT_MS, soakDurationMs, TRAFFIC, WARMUP_FRACTION, type FlatMetric } from './settings.js';
import { closeSoakClients, connectSoakClients, type SoakClients } from './soak-clients.js';
import { SteadySchedule, type OperationTally } from './steady-schedule.js';
import { inner, soakOperations } from './traffic.js';

export interface OperationSummary extends Omit<OperationTally, 'durationsMs'> {
  durationMs: Distribution;
}

/** A reading of the gateway with no client connected, with what its descriptors are. */
export interface IdleReading extends GatewaySample {
  /** Descriptors by kind (gateway-sampler.ts, readHandleKinds). */
  handleKinds: Record<string, number>;
  /** How long after the last client left this reading was taken. */
  settledAfterMs: number;
}

export interface SoakDetails {
  plannedMs: number;
  /** How long the traffic really ran (shorter if the gateway died). */
  trafficMs?: number;
  sampleIntervalMs: number;
  /** Where the judged RSS samples start (flatness.ts, warmupEnd), known once the run is over; handles are judged from WARMUP_FRACTION on. */
  warmupEndsMs: number;
  traffic: typeof TRAFFIC;
  provider: ProviderStubOptions;
  /** The gateway alone, before any client connected: descriptors it opens on first use are not open yet. */
  idleCold?: IdleReading;
  /** The baseline: the gateway alone again after the priming round (priming.ts), its clients gone and its handles settled. */
  idleBefore?: IdleReading;
  /** The gateway alone once every soak client had gone and its handles settled (or SETTLE_AFTER_MS passed); compared with idleBefore. */
  idleAfter?: IdleReading;
  samples: GatewaySample[];
  operations: OperationSummary[];
  flatness: FlatnessVerdict[];
  /** RSS's parts over the same window (memory-parts.ts): which one grows. */
  memoryParts: MemoryPartTrend[];
  protocolProblems: { total: number; counts: Record<ProblemKind, number>; examples: string[] };
  nodeHost?: { answered: number; failures: string[] };
  gatewayLog?: LogReview;
  gatewayExit?: ProcessExit;
}

function progress(message: string): void {
  process.stderr.write(`[soak] ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeSample(sample: GatewaySample): string {
  return (
    `${formatClock(sample.atMs)} RSS ${sample.rssMiB.toFixed(1)} MiB · ${sample.fds} fds · ${sample.sockets} sockets · ` +
    `CPU ${sample.cpuPercent.toFixed(0)} % · ${sample.opsOk} ok, ${sample.opsFailed} failed`
  );
}

/**
 * Reads the idle gateway every 500 ms until `settled` holds for a reading whose fd count has not
 * moved since the one before, or SETTLE_AFTER_MS is up; undefined if the gateway is gone.
 */
async function idleReading(sampler: GatewaySampler, pid: number, settled: (reading: GatewaySample) => boolean): Promise<IdleReading | undefined> {
  const started = performance.now();
  let previous: GatewaySample | undefined;
  for (;;) {
    const reading = await sampler.read();
    const handleKinds = readHandleKinds(pid);
    const settledAfterMs = performance.now() - started;
    if (!reading || !handleKinds) return undefined;
    const steady = previous !== undefined && previous.fds === reading.fds && settled(reading);
    if (steady || settledAfterMs >= SETTLE_AFTER_MS) return { ...reading, handleKinds, settledAfterMs };
    previous = reading;
    await sleep(500);
  }
}

/**
 * Connects to the gateway's inspector. Its URL comes from the console (inspectorUrlFrom), on
 * stderr, a pipe apart from the stdout that said the gateway listens: the line of the process the
 * gateway exec'd itself into may not have arrived yet, and the one before it names an inspector
 * that is gone. So: the latest URL, again until one answers or the setup time is up.
 */
async function connectInspector(server: ServerUnderTest): Promise<GatewayInspector> {
  const deadline = performance.now() + SETUP_TIMEOUT_MS;
  for (;;) {
    const url = inspectorUrlFrom(server.process.outputTail());
    try {
      if (url) return await GatewayInspector.connect(url, SETUP_TIMEOUT_MS);
    } catch (error) {
      if (performance.now() > deadline || !server.process.isRunning()) throw error;
    }
    if (!url && (performance.now() > deadline || !server.process.isRunning())) {
      throw new Error(`the gateway printed no inspector URL:\n${server.process.outputTail().trim()}`);
    }
    await sleep(100);
  }
}

async function run(): Promise<SuiteResult> {
  const plannedMs = soakDurationMs();
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  let trafficStart: number | undefined;
  const clock = () => (trafficStart === undefined ? 0 : performance.now() - trafficStart);
  const problems = new ProtocolProblems(clock);
  const details: SoakDetails = {
    plannedMs,
    sampleIntervalMs: SAMPLE_INTERVAL_MS,
    warmupEndsMs: plannedMs * WARMUP_FRACTION,
    traffic: TRAFFIC,
    provider: PROVIDER,
    samples: [],
    operations: [],
    flatness: [],
    memoryParts: [],
    protocolProblems: { total: 0, counts: problems.counts, examples: problems.examples },
  };

  let provider: ProviderStub | undefined;
  let gateway: ServerUnderTest | undefined;
  let clients: SoakClients | undefined;
  let reconnecting: ReconnectingClients | undefined;
  let sampler: GatewaySampler | undefined;
  let inspector: GatewayInspector | undefined;
  let schedule: SteadySchedule | undefined;
  let gatewayGone = false;
  try {
    progress(
      `${(plannedMs / 60_000).toFixed(1)} min of mixed traffic; warm-up until ${formatClock(plannedMs * WARMUP_FRACTION)} or until the database outgrows SQLite's page cache, if later; samples every ${SAMPLE_INTERVAL_MS / 1_000} s`,
    );
    const stub = await ProviderStub.start(PROVIDER);
    provider = stub;
    const server = await withInspectorFlag(() => startGateway(benchToken(), { config: soakGatewayConfig(stub) }));
    gateway = server;
    inspector = await connectInspector(server);
    // The cold idle reading: after start-up has settled, before any client.
    await sleep(1_000);
    sampler = new GatewaySampler(
      server.process.pid,
      inspector,
      SAMPLE_INTERVAL_MS,
      clock,
      () => schedule?.progress ?? { ok: 0, failed: 0 },
      (sample) => {
        if (sample) return progress(describeSample(sample));
        if (gatewayGone || server.process.isRunning()) return;
        gatewayGone = true;
        errors.push({ scenario: 'traffic', message: `the gateway exited at ${formatClock(clock())}:\n${server.process.outputTail().trim()}` });
        schedule?.stop();
      },
    );
    const cold = await idleReading(sampler, server.process.pid, () => true);
    details.idleCold = cold;
    progress('priming round: one of each operation on clients of their own, then the idle baseline');
    await primeGateway(server.url, server.token, problems, SETUP_TIMEOUT_MS);
    details.idleBefore = await idleReading(sampler, server.process.pid, (reading) => cold === undefined || reading.sockets <= cold.sockets);
    clients = await connectSoakClients(server.url, server.token, problems, SETUP_TIMEOUT_MS);
    reconnecting = new ReconnectingClients(server.url, server.token, problems, inner(TRAFFIC.reconnect.timeoutMs));
    schedule = new SteadySchedule(soakOperations(clients, reconnecting), clock);
    trafficStart = performance.now();
    sampler.start();
    await schedule.run(plannedMs);
    details.trafficMs = clock();
    sampler.stop();
    await sampler.recordNow();
    if (server.process.isRunning()) details.gatewayLog = await reviewGatewayLog(clients.operator, 30_000);
  } catch (error) {
    errors.push({ scenario: trafficStart === undefined ? 'setup' : 'traffic', message: messageOf(error) });
    progress(`FAILED: ${messageOf(error)}`);
  } finally {
    sampler?.stop();
    schedule?.stop();
    await reconnecting?.closeAll();
    if (clients) {
      details.nodeHost = { answered: clients.node.answered, failures: clients.node.failures };
      await closeSoakClients(clients);
    }
    const before = details.idleBefore;
    if (sampler && gateway?.process.isRunning() && before) {
      details.idleAfter = await idleReading(sampler, gateway.process.pid, (reading) => reading.fds <= before.fds && reading.sockets <= before.sockets);
    }
    inspector?.close();
    if (gateway) details.gatewayExit = await gateway.stop();
    await provider?.stop();
  }

  details.samples = sampler?.samples ?? [];
  details.operations = (schedule?.tallies ?? []).map(({ durationsMs, ...tally }) => ({ ...tally, durationMs: distribution(durationsMs) }));
  const warmupEndsMs = warmupEnd(details.samples, plannedMs);
  details.warmupEndsMs = warmupEndsMs;
  // The page cache is memory: handles are judged from the fixed fraction on.
  details.flatness = (Object.keys(FLAT_RULES) as FlatMetric[]).map((metric) =>
    judgeFlatness(details.samples, metric, metric === 'rssMiB' ? warmupEndsMs : plannedMs * WARMUP_FRACTION),
  );
  details.memoryParts = memoryPartTrends(details.samples, warmupEndsMs);
  details.protocolProblems = { total: problems.total, counts: problems.counts, examples: problems.examples };
  return suiteResult('soak', startedAt, clockStart, buildReport(details), errors, details);
}

/**
 * `npm run bench -- soak [--minutes N]`: mixed traffic against one gateway for 30 minutes,
 * watching its RSS and open handles for growth. Run on demand only (see run-all.ts).
 */
export const soakSuite: BenchmarkSuite = { name: 'soak', run };
