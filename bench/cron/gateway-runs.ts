import { connectWhenReady } from '../connections.js';
import type { BenchClient } from '../bench-client.js';
import { GATEWAY_CLI_ENTRY } from '../paths.js';
import { readRssMiB } from '../process-stats.js';
import { INHERITED_OVERRIDES } from '../servers-under-test.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';

/** One start of the gateway on a given state dir: how long it took and what it holds once settled. */
export interface StartSample {
  spawnToListeningMs: number;
  spawnToHelloMs: number;
  settledRssMiB: number;
}

export interface RunningGateway {
  readonly process: ServerProcess;
  readonly client: BenchClient;
  readonly sample: StartSample;
  stop(): Promise<void>;
}

function gatewayEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of INHERITED_OVERRIDES) delete env[key];
  return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `gatehouse gateway run` on `stateDir` (kept across starts, unlike the other suites' fresh dirs:
 * the jobs live there), connected, and its RSS read after `settleMs` of idling.
 */
export async function startOn(stateDir: string, token: string, settleMs: number): Promise<RunningGateway> {
  const child = await startServerProcess({
    label: 'gateway',
    args: [GATEWAY_CLI_ENTRY, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', token],
    env: gatewayEnv(),
    timeoutMs: 60_000,
  });
  try {
    const { client, timing } = await connectWhenReady(child.url, token, 30_000);
    await sleep(settleMs);
    const rss = readRssMiB(child.pid);
    if (rss === undefined) throw new Error(`the gateway exited while idling:\n${child.outputTail()}`);
    return {
      process: child,
      client,
      sample: { spawnToListeningMs: child.listeningAt - child.spawnedAt, spawnToHelloMs: timing.helloAt - child.spawnedAt, settledRssMiB: rss },
      async stop() {
        await client.close();
        await child.stop();
      },
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Starts, samples and stops `count` times. */
export async function measureStarts(stateDir: string, token: string, count: number, settleMs: number): Promise<StartSample[]> {
  const samples: StartSample[] = [];
  for (let index = 0; index < count; index += 1) {
    const gateway = await startOn(stateDir, token, settleMs);
    samples.push(gateway.sample);
    await gateway.stop();
  }
  return samples;
}
