import type { BenchClient } from '../bench-client.js';
import { call, describeError } from '../connections.js';
import { distribution, type Distribution } from '../percentiles.js';
import { readCpuSeconds } from '../process-stats.js';

export interface ListResult {
  jobs: number;
  payloadBytes: number;
  roundTripMs: Distribution;
  /**
   * The gateway's own CPU time per call (user + system, from /proc, over all the calls): what the
   * call costs the gateway. Waiting for a core does not count, so other load on a shared machine
   * sways it much less than the round trip (cache and memory contention still do). Absent where
   * /proc cannot be read.
   */
  gatewayCpuMsPerCall?: number;
}

/**
 * `cron.list {includeDisabled:true}` of every job, one call at a time, after one warm-up call.
 * `gatewayPid` adds the gateway's CPU time per call.
 */
export async function measureList(client: BenchClient, calls: number, gatewayPid?: number): Promise<ListResult> {
  const once = async () => {
    const sentAt = performance.now();
    const { response, receivedAt } = await call(client, 'cron.list', { includeDisabled: true });
    if (!response.ok) throw new Error(`cron.list failed: ${describeError(response)}`);
    return { ms: receivedAt - sentAt, payload: response.payload as { jobs: unknown[] } };
  };
  const warm = await once();
  const cpuBefore = gatewayPid === undefined ? undefined : readCpuSeconds(gatewayPid);
  const samples: number[] = [];
  for (let index = 0; index < calls; index += 1) samples.push((await once()).ms);
  const cpuAfter = gatewayPid === undefined ? undefined : readCpuSeconds(gatewayPid);
  const result: ListResult = { jobs: warm.payload.jobs.length, payloadBytes: Buffer.byteLength(JSON.stringify(warm.payload)), roundTripMs: distribution(samples) };
  if (cpuBefore !== undefined && cpuAfter !== undefined && calls > 0) result.gatewayCpuMsPerCall = ((cpuAfter - cpuBefore) * 1_000) / calls;
  return result;
}

export interface LatenessResult {
  due: number;
  started: number;
  /** Gateway-stamped start (`runAtMs` of the `started` event) − due time. */
  startLatenessMs: Distribution;
  /** The `started` event's arrival at the bench client − due time (adds the event's trip). */
  eventLatenessMs: Distribution;
  /** Jobs that had not started by the end of the wait. */
  notStarted: number;
}

interface CronEventFrame {
  payload?: { jobId?: string; action?: string; runAtMs?: number };
}

/** Listens for `cron` `started` events until `until` (epoch ms) and compares them with the due times. */
export function watchLateness(client: BenchClient, due: ReadonlyMap<string, number>): { finish(): LatenessResult } {
  const startedAt = new Map<string, { runAtMs: number; arrivedAtMs: number }>();
  client.onEvent((event, raw, receivedAt) => {
    if (event !== 'cron') return;
    const frame = JSON.parse(raw.toString('utf8')) as CronEventFrame;
    const jobId = frame.payload?.jobId;
    if (frame.payload?.action !== 'started' || jobId === undefined || !due.has(jobId) || startedAt.has(jobId)) return;
    startedAt.set(jobId, { runAtMs: frame.payload.runAtMs ?? Number.NaN, arrivedAtMs: performance.timeOrigin + receivedAt });
  });
  return {
    finish() {
      client.onEvent(undefined);
      const start: number[] = [];
      const arrival: number[] = [];
      for (const [jobId, seen] of startedAt) {
        const at = due.get(jobId)!;
        start.push(seen.runAtMs - at);
        arrival.push(seen.arrivedAtMs - at);
      }
      return {
        due: due.size,
        started: startedAt.size,
        startLatenessMs: distribution(start),
        eventLatenessMs: distribution(arrival),
        notStarted: due.size - startedAt.size,
      };
    },
  };
}
