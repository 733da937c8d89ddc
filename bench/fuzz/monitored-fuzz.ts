import { OPERATOR_MAX_PAYLOAD_BYTES, PREAUTH_MAX_FRAME_BYTES } from '../../shared/protocol/limits.js';
import { distribution, type Distribution } from '../percentiles.js';
import { RssSampler, readCpuSeconds, readRssMiB, type RssSummary } from '../process-stats.js';
import type { ServerUnderTest } from '../servers-under-test.js';
import type { FuzzRunReport } from './fuzz-run.js';
import { runFuzzOnWorker } from './fuzz-worker.js';
import { fuzzProblems } from './fuzz-verdict.js';
import { readGatewayLog } from './gateway-log.js';
import { HealthProbe, healthOnFreshConnection, type HealthProbeResult } from './health-probe.js';

export interface FuzzSettings {
  frames: number;
  seed: number;
  /** Fuzz sockets in flight at once. */
  concurrency: number;
  /** Chance that an authenticated frame is one at or just over the operator maxPayload (16 MiB). */
  hugeFrameChance: number;
}

export const DEFAULT_FUZZ: Omit<FuzzSettings, 'seed'> = { frames: 100_000, concurrency: 16, hugeFrameChance: 0.0002 };

export interface MonitoredFuzz {
  settings: FuzzSettings;
  report: FuzzRunReport;
  /** The well-behaved client's `health` round trips during the fuzz. */
  healthMs: Distribution;
  healthFailures: string[];
  rss: RssSummary & { beforeMiB: number; afterMiB: number };
  gatewayCpuSeconds: number;
  /** What the fuzz test also requires (fuzz-verdict.ts); empty when everything held. */
  problems: string[];
}

/** The fuzz on its own thread beside a well-behaved client, with the gateway's RSS and CPU sampled. */
export async function fuzzBesideProbe(server: ServerUnderTest, settings: FuzzSettings, progress: (message: string) => void): Promise<MonitoredFuzz> {
  const { pid } = server.process;
  const beforeMiB = readRssMiB(pid) ?? Number.NaN;
  const cpuBefore = readCpuSeconds(pid) ?? Number.NaN;
  const probe = await HealthProbe.start(server.url, server.token, 5);
  const sampler = new RssSampler(pid, 200).start();
  let probeResult: HealthProbeResult | undefined;
  let report: FuzzRunReport;
  try {
    report = await runFuzzOnWorker({
      url: server.url,
      token: server.token,
      frames: settings.frames,
      seed: settings.seed,
      concurrency: settings.concurrency,
      preauthShare: 0.3,
      limits: { preauthBytes: PREAUTH_MAX_FRAME_BYTES, postauthBytes: OPERATOR_MAX_PAYLOAD_BYTES, hugeFrameChance: settings.hugeFrameChance },
      progress: (sent) => {
        if (sent % 10_000 === 0) progress(`${sent.toLocaleString('en-US')} frames sent`);
      },
    });
  } finally {
    probeResult = await probe.stop();
  }
  const rss = sampler.stop();
  const gatewayCpuSeconds = (readCpuSeconds(pid) ?? Number.NaN) - cpuBefore;
  const afterMiB = readRssMiB(pid) ?? Number.NaN;
  const healthAfter = await healthOnFreshConnection(server.url, server.token);
  const log = await readGatewayLog(server.url, server.token);
  const problems = fuzzProblems({
    framesWanted: settings.frames,
    report,
    probe: probeResult,
    healthAfter,
    gatewayRunning: server.process.isRunning(),
    output: `${server.process.outputTail()}\n${log ?? ''}`,
  });
  if (log === undefined && server.process.isRunning()) problems.push('the gateway log could not be read through logs.tail');
  return {
    settings,
    report,
    healthMs: distribution(probeResult.latenciesMs),
    healthFailures: probeResult.failures,
    rss: { ...rss, beforeMiB, afterMiB },
    gatewayCpuSeconds,
    problems,
  };
}

/** `GATEHOUSE_FUZZ_SEED=<n> npm run bench -- fuzz` replays a run; otherwise every run draws a new seed. */
export function seedFromEnvironment(draw: () => number): number {
  const given = process.env.GATEHOUSE_FUZZ_SEED;
  if (given === undefined || given === '') return draw();
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) throw new Error(`GATEHOUSE_FUZZ_SEED must be a whole number from 0 to 4294967295 (got "${given}")`);
  return seed;
}
