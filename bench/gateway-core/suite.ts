import { setTimeout as sleep } from 'node:timers/promises';
import { RssSampler, readRssMiB, type RssSummary } from '../process-stats.js';
import type { ProcessExit } from '../server-process.js';
import { benchToken, startServer, type ServerKind, type ServerUnderTest } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import { measureColdStart, type ColdStartResult } from './cold-start.js';
import { CpuPlacement, useCpuPlacement } from '../cpu-placement.js';
import { measureFanOut, measureFanOutBesideCeiling, type FanOutResult } from './fan-out.js';
import { measureHandshakes, type HandshakeResult } from './handshake.js';
import { measureHealthRoundTrip, type HealthRoundTripResult } from './health-round-trip.js';
import { buildReport } from './report.js';
import { DEFAULT_THROUGHPUT, measureThroughput, type ThroughputResult } from './throughput.js';

/** Ceiling first, then the gateway, in every scenario: the pair is measured back to back. */
export const SERVER_KINDS: readonly ServerKind[] = ['ceiling', 'gateway'];

export type PerServer<T> = Partial<Record<ServerKind, T>>;

export interface IdleRss extends RssSummary {
  /** Sampled from settleMs to settleMs + 1 s after the listening line. */
  settleMs: number;
}

export interface GatewayCoreDetails {
  coldStart: PerServer<ColdStartResult>;
  idleRss: PerServer<IdleRss>;
  handshake: PerServer<HandshakeResult>;
  healthRoundTrip: PerServer<HealthRoundTripResult>;
  throughput: PerServer<ThroughputResult>;
  fanOut: PerServer<FanOutResult>;
  /** Fan-out again on the ceiling with frames padded to the gateway's frame size: the cost of the bytes alone. */
  fanOutCeilingAtGatewayFrameSize?: FanOutResult;
  /** RSS once every scenario has run and its clients have gone. */
  rssAfterRunMiB: PerServer<number>;
  serverExits: PerServer<ProcessExit>;
  /** How the bench and the servers were placed on CPUs (see cpu-placement.ts); absent when left to the OS. */
  cpuPlacement?: string;
}

type ScenarioKey = 'handshake' | 'healthRoundTrip' | 'throughput';

interface Scenario {
  key: ScenarioKey;
  title: string;
  run(server: ServerUnderTest): Promise<unknown>;
}

const SCENARIOS: readonly Scenario[] = [
  { key: 'handshake', title: 'handshake latency', run: (server) => measureHandshakes(server, 200, 20) },
  { key: 'healthRoundTrip', title: 'health round trip', run: (server) => measureHealthRoundTrip(server, 2_000, 200) },
  { key: 'throughput', title: 'throughput', run: (server) => measureThroughput(server, DEFAULT_THROUGHPUT) },
];

const IDLE_SETTLE_MS = 1_000;

function progress(message: string): void {
  process.stderr.write(`[gateway-core] ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function measureIdleRss(server: ServerUnderTest): Promise<IdleRss> {
  const sinceListening = performance.now() - server.process.listeningAt;
  if (sinceListening < IDLE_SETTLE_MS) await sleep(IDLE_SETTLE_MS - sinceListening);
  const sampler = new RssSampler(server.process.pid, 200).start();
  await sleep(1_000);
  return { ...sampler.stop(), settleMs: IDLE_SETTLE_MS };
}

async function run(): Promise<SuiteResult> {
  const placement = CpuPlacement.pin();
  useCpuPlacement(placement);
  try {
    return await runPlaced(placement);
  } finally {
    useCpuPlacement(undefined);
    placement?.release();
  }
}

async function runPlaced(placement: CpuPlacement | undefined): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  const details: GatewayCoreDetails = {
    coldStart: {},
    idleRss: {},
    handshake: {},
    healthRoundTrip: {},
    throughput: {},
    fanOut: {},
    ...(placement ? { cpuPlacement: placement.describe() } : {}),
    rssAfterRunMiB: {},
    serverExits: {},
  };
  const token = benchToken();

  const attempt = async <T>(scenario: string, kind: ServerKind, work: () => Promise<T>): Promise<T | undefined> => {
    const started = performance.now();
    progress(`${scenario} · ${kind} …`);
    try {
      const result = await work();
      progress(`${scenario} · ${kind} done in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
      return result;
    } catch (error) {
      errors.push({ scenario, target: kind, message: messageOf(error) });
      progress(`${scenario} · ${kind} FAILED: ${messageOf(error)}`);
      return undefined;
    }
  };

  for (const kind of SERVER_KINDS) details.coldStart[kind] = await attempt('cold start', kind, () => measureColdStart(kind, token, 5));

  const servers: PerServer<ServerUnderTest> = {};
  try {
    for (const kind of SERVER_KINDS) servers[kind] = await attempt('start', kind, () => startServer(kind, token));
    // Both idle at once: neither is doing anything yet.
    const idle = await Promise.all(SERVER_KINDS.map((kind) => (servers[kind] ? attempt('idle rss', kind, () => measureIdleRss(servers[kind] as ServerUnderTest)) : undefined)));
    SERVER_KINDS.forEach((kind, index) => (details.idleRss[kind] = idle[index]));

    for (const scenario of SCENARIOS) {
      for (const kind of SERVER_KINDS) {
        const server = servers[kind];
        if (!server) continue; // its start failure is already reported
        if (!server.process.isRunning()) {
          errors.push({ scenario: scenario.title, target: kind, message: `${kind} is no longer running:\n${server.process.outputTail().trim()}` });
          continue;
        }
        const result = await attempt(scenario.title, kind, () => scenario.run(server));
        (details[scenario.key] as PerServer<unknown>)[kind] = result;
        if (!server.process.isRunning()) {
          errors.push({ scenario: scenario.title, target: kind, message: `${kind} exited during the scenario:\n${server.process.outputTail().trim()}` });
        }
      }
    }
    // Fan-out: the ceiling with its own small frames, then the gateway beside the ceiling
    // broadcasting frames of the gateway's size, round for round.
    const { ceiling, gateway } = servers;
    if (ceiling?.process.isRunning()) details.fanOut.ceiling = await attempt('fan-out', 'ceiling', () => measureFanOut(ceiling));
    if (gateway?.process.isRunning()) {
      if (ceiling?.process.isRunning()) {
        const pair = await attempt('fan-out', 'gateway', () => measureFanOutBesideCeiling(gateway, ceiling));
        details.fanOut.gateway = pair?.gateway;
        details.fanOutCeilingAtGatewayFrameSize = pair?.ceiling;
      } else {
        details.fanOut.gateway = await attempt('fan-out', 'gateway', () => measureFanOut(gateway));
      }
      if (!gateway.process.isRunning()) errors.push({ scenario: 'fan-out', target: 'gateway', message: `gateway exited during the scenario:\n${gateway.process.outputTail().trim()}` });
    }
    for (const kind of SERVER_KINDS) {
      const server = servers[kind];
      if (server) details.rssAfterRunMiB[kind] = readRssMiB(server.process.pid);
    }
  } finally {
    for (const kind of SERVER_KINDS) {
      const server = servers[kind];
      if (server) details.serverExits[kind] = await server.stop();
    }
  }

  return suiteResult('gateway-core', startedAt, clockStart, buildReport(details, errors), errors, details);
}

/** Gateway core: cold start, handshake, health round trip, throughput, fan-out and RSS, beside the ceiling. */
export const gatewayCoreSuite: BenchmarkSuite = { name: 'gateway-core', run };
