import type { BenchClient } from '../bench-client.js';
import { connectWhenReady } from '../connections.js';
import { RELAY_SERVER_ENTRY } from '../paths.js';
import { startServerProcess, type ProcessExit, type ServerProcess } from '../server-process.js';
import { benchToken, startGateway, type ServerUnderTest } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import type { StreamScenarioResult } from './batch.js';
import { measureDirect } from './direct-reader.js';
import { measureGateway, type GatewayScenarioResult } from './gateway-reader.js';
import { ProviderStub } from './provider-stub.js';
import { buildReport } from './report.js';
import { GATEWAY_MAX_CONCURRENT, PROVIDER, SCENARIOS, SUITE_BUDGET_MS, type ScenarioKey } from './settings.js';

export type Reader = 'ceiling' | 'relay' | 'gateway';
export interface PerReader {
  ceiling?: StreamScenarioResult;
  /** The relay floor (relay-server.ts), in the scenarios that ask for it. */
  relay?: GatewayScenarioResult;
  gateway?: GatewayScenarioResult;
}

export interface ChatLatencyDetails {
  provider: { tokens: number; model: string };
  gatewayMaxConcurrent: number;
  scenarios: Record<ScenarioKey, PerReader>;
  /** Gateway percentile − ceiling percentile (not a per-token difference: the two runs are separate streams). */
  overheadMs: Record<ScenarioKey, { p50?: number; p99?: number }>;
  gatewayExit?: ProcessExit;
}

function progress(message: string): void {
  process.stderr.write(`[chat-latency] ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function gatewayConfig(provider: ProviderStub): unknown {
  return {
    models: {
      providers: {
        bench: {
          baseUrl: provider.baseUrl,
          apiKey: 'bench',
          api: 'openai-completions',
          models: [{ id: PROVIDER.model, name: 'Bench' }],
        },
      },
    },
    agents: { defaults: { model: `bench/${PROVIDER.model}`, maxConcurrent: GATEWAY_MAX_CONCURRENT } },
  };
}

async function run(): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const deadline = clockStart + SUITE_BUDGET_MS;
  const errors: ScenarioError[] = [];
  const details: ChatLatencyDetails = {
    provider: { tokens: PROVIDER.tokens, model: PROVIDER.model },
    gatewayMaxConcurrent: GATEWAY_MAX_CONCURRENT,
    scenarios: { single: {}, concurrent: {}, concurrentPaced: {}, simultaneous: {} },
    overheadMs: { single: {}, concurrent: {}, concurrentPaced: {}, simultaneous: {} },
  };

  const attempt = async <T>(scenario: string, target: Reader | undefined, work: () => Promise<T>): Promise<T | undefined> => {
    const started = performance.now();
    const label = target ? `${scenario} · ${target}` : scenario;
    progress(`${label} …`);
    try {
      const result = await work();
      progress(`${label} done in ${((performance.now() - started) / 1_000).toFixed(1)} s`);
      return result;
    } catch (error) {
      errors.push({ scenario, ...(target ? { target } : {}), message: messageOf(error) });
      progress(`${label} FAILED: ${messageOf(error)}`);
      return undefined;
    }
  };

  let provider: ProviderStub | undefined;
  let gateway: ServerUnderTest | undefined;
  let client: BenchClient | undefined;
  let relay: { process: ServerProcess; client: BenchClient } | undefined;
  try {
    provider = await attempt('provider stand-in', undefined, () => ProviderStub.start(PROVIDER));
    if (provider) {
      const stub = provider;
      gateway = await attempt('start', 'gateway', () => startGateway(benchToken(), { config: gatewayConfig(stub) }));
      if (gateway) {
        const server = gateway;
        client = await attempt('connect', 'gateway', async () => (await connectWhenReady(server.url, server.token)).client);
      }
      if (SCENARIOS.some((setting) => setting.relayFloor)) {
        relay = await attempt('start', 'relay', async () => {
          const child = await startServerProcess({ label: 'relay', args: [RELAY_SERVER_ENTRY, '--port', '0', '--provider', stub.baseUrl, '--model', PROVIDER.model] });
          try {
            return { process: child, client: (await connectWhenReady(child.url, 'relay')).client };
          } catch (error) {
            await child.stop();
            throw error;
          }
        });
      }
      for (const { key, title, scenario, relayFloor } of SCENARIOS) {
        const readers: readonly Reader[] = relayFloor ? ['ceiling', 'relay', 'gateway'] : ['ceiling', 'gateway'];
        for (const reader of readers) {
          const remaining = deadline - performance.now();
          if (remaining <= 0) {
            errors.push({ scenario: title, target: reader, message: `skipped: the suite's ${SUITE_BUDGET_MS / 1_000} s budget is spent` });
            continue;
          }
          const bounded = { ...scenario, roundTimeoutMs: Math.min(scenario.roundTimeoutMs, remaining) };
          if (reader === 'ceiling') {
            details.scenarios[key].ceiling = await attempt(title, reader, () => measureDirect(stub, bounded));
          } else if (reader === 'relay') {
            const floor = relay;
            if (floor) details.scenarios[key].relay = await attempt(title, reader, () => measureGateway(floor.client, stub, bounded, floor.process.pid));
          } else if (gateway && client) {
            const server = gateway;
            const operator = client;
            if (!server.process.isRunning()) {
              errors.push({ scenario: title, target: reader, message: `gateway is no longer running:\n${server.process.outputTail().trim()}` });
              continue;
            }
            details.scenarios[key].gateway = await attempt(title, reader, () => measureGateway(operator, stub, bounded, server.process.pid));
          }
        }
        const { ceiling, gateway: measured } = details.scenarios[key];
        if (ceiling && measured) {
          details.overheadMs[key] = { p50: measured.latencyMs.p50 - ceiling.latencyMs.p50, p99: measured.latencyMs.p99 - ceiling.latencyMs.p99 };
        }
      }
    }
  } finally {
    await relay?.client.close();
    await relay?.process.stop();
    await client?.close();
    if (gateway) details.gatewayExit = await gateway.stop();
    await provider?.stop();
  }

  return suiteResult('chat-latency', startedAt, clockStart, buildReport(details, errors), errors, details);
}

/** Chat token latency: provider writes a token → the operator has the `chat` delta, 1 and 50 sessions, beside a direct SSE read. */
export const chatLatencySuite: BenchmarkSuite = { name: 'chat-latency', run };
