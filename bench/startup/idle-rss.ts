import { setTimeout as sleep } from 'node:timers/promises';
import { connectWhenReady } from '../connections.js';
import { RssSampler, type RssSummary } from '../process-stats.js';
import { startServerProcess, type ServerProcess } from '../server-process.js';
import { launchGateway } from './gateway-launch.js';
import { IDLE_SAMPLE_MS, IDLE_SETTLE_MS } from './settings.js';
import { BARE_SERVER_ARGS } from './yardsticks.js';

async function sampleIdle(server: ServerProcess): Promise<RssSummary> {
  const wait = server.listeningAt + IDLE_SETTLE_MS - performance.now();
  if (wait > 0) await sleep(wait);
  const sampler = new RssSampler(server.pid, 200).start();
  await sleep(IDLE_SAMPLE_MS);
  return sampler.stop();
}

/** A bare http server's RSS once started, sampled like the gateway's. */
export async function bareServerIdleRss(): Promise<RssSummary> {
  const server = await startServerProcess({ label: 'bare node server', args: BARE_SERVER_ARGS });
  try {
    return await sampleIdle(server);
  } finally {
    await server.stop();
  }
}

/** A gateway that started and served one operator's handshake, then sat idle. */
export async function gatewayIdleRss(entry: string, token: string, env: NodeJS.ProcessEnv): Promise<RssSummary> {
  const gateway = await launchGateway(entry, token, env);
  try {
    const { client } = await connectWhenReady(gateway.process.url, token);
    await client.close();
    return await sampleIdle(gateway.process);
  } finally {
    await gateway.stop();
  }
}
