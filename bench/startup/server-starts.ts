import { connectWhenReady } from '../connections.js';
import { startServerProcess } from '../server-process.js';
import { launchGateway } from './gateway-launch.js';
import { BARE_SERVER_ARGS } from './yardsticks.js';

export interface StartRun {
  /** spawn() → the listening line: the port accepts from then on. */
  spawnToListeningMs: number;
  /** spawn() → first hello-ok (the gateway only), connecting as soon as the line arrived. */
  spawnToHelloMs?: number;
}

/** The yardstick: a bare Node http server, spawned and stopped the same way as the gateway. */
export async function startBareServer(): Promise<StartRun> {
  const server = await startServerProcess({ label: 'bare node server', args: BARE_SERVER_ARGS });
  try {
    return { spawnToListeningMs: server.listeningAt - server.spawnedAt };
  } finally {
    await server.stop();
  }
}

/** One gateway start: spawn → listening line → first hello-ok; then a clean stop (exit 0) is required. */
export async function startGatewayOnce(entry: string, token: string, env: NodeJS.ProcessEnv): Promise<StartRun> {
  const gateway = await launchGateway(entry, token, env);
  try {
    const { client, timing } = await connectWhenReady(gateway.process.url, token);
    await client.close();
    const exit = await gateway.stop();
    if (exit.code !== 0) throw new Error(`gateway stopped with code ${exit.code} (signal ${exit.signal}):\n${gateway.process.outputTail().trim()}`);
    return {
      spawnToListeningMs: gateway.process.listeningAt - gateway.process.spawnedAt,
      spawnToHelloMs: timing.helloAt - gateway.process.spawnedAt,
    };
  } finally {
    await gateway.stop();
  }
}
