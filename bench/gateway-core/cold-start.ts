import { median } from '../percentiles.js';
import { startServer, type ServerKind } from '../servers-under-test.js';
import { connectWhenReady } from '../connections.js';

export interface ColdStartRun {
  spawnToListeningMs: number;
  spawnToHelloMs: number;
  connectAttempts: number;
  stopMs: number;
  exitCode: number | null;
  exitSignal: string | null;
}

export interface ColdStartResult {
  starts: number;
  runs: ColdStartRun[];
  medianSpawnToHelloMs: number;
  medianSpawnToListeningMs: number;
  medianStopMs: number;
  /** Stops that did not end with exit code 0 after SIGTERM (SIGKILLed, crashed, non-zero). */
  uncleanStops: number;
}

/**
 * Spawn → first hello-ok, `starts` times, each with a fresh state dir: the clock starts just before
 * spawn() and the client connects on the chunk that carries the listening line.
 */
export async function measureColdStart(kind: ServerKind, token: string, starts = 5): Promise<ColdStartResult> {
  const runs: ColdStartRun[] = [];
  for (let index = 0; index < starts; index += 1) {
    const server = await startServer(kind, token);
    try {
      const { client, timing, attempts } = await connectWhenReady(server.url, token);
      await client.close();
      const exit = await server.stop();
      runs.push({
        spawnToListeningMs: server.process.listeningAt - server.process.spawnedAt,
        spawnToHelloMs: timing.helloAt - server.process.spawnedAt,
        connectAttempts: attempts,
        stopMs: exit.stopMs,
        exitCode: exit.code,
        exitSignal: exit.signal,
      });
    } finally {
      await server.stop();
    }
  }
  return {
    starts,
    runs,
    medianSpawnToHelloMs: median(runs.map((run) => run.spawnToHelloMs)),
    medianSpawnToListeningMs: median(runs.map((run) => run.spawnToListeningMs)),
    medianStopMs: median(runs.map((run) => run.stopMs)),
    uncleanStops: runs.filter((run) => run.exitCode !== 0).length,
  };
}
