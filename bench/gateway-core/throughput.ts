import { setTimeout as sleep } from 'node:timers/promises';
import { CLOSED_ERROR_CODE, type BenchClient, type Response } from '../bench-client.js';
import { closeAll, connectMany, describeError } from '../connections.js';
import { distribution, type Distribution } from '../percentiles.js';
import { readCpuSeconds, RssSampler, type RssSummary } from '../process-stats.js';
import type { ServerUnderTest } from '../servers-under-test.js';

export interface ThroughputOptions {
  connections: number;
  depth: number;
  windowMs: number;
  warmupMs: number;
}

export const DEFAULT_THROUGHPUT: ThroughputOptions = { connections: 50, depth: 16, windowMs: 10_000, warmupMs: 1_000 };

export interface ThroughputResult extends ThroughputOptions {
  /** Successful responses received inside the measurement window. */
  completed: number;
  callsPerSecond: number;
  errors: {
    total: number;
    errorResponses: number;
    droppedConnections: number;
    /** Calls still unanswered 5 s after the load stopped. */
    unanswered: number;
    firstError?: string;
  };
  /** Send → response of the calls answered inside the window (queueing included). */
  latencyUnderLoadMs: Distribution;
  /** Server RSS from warm-up to drain, sampled every 200 ms. */
  serverRss: RssSummary;
  /** CPU used during the window, in % of one core. */
  serverCpuPercent: number;
  clientCpuPercent: number;
}

/**
 * `connections` sockets each keep `depth` `health` calls in flight: every response immediately
 * sends the next call on the same socket. Counted over `windowMs` after a `warmupMs` warm-up.
 */
export async function measureThroughput(server: ServerUnderTest, options: ThroughputOptions = DEFAULT_THROUGHPUT): Promise<ThroughputResult> {
  const clients = await connectMany(server.url, server.token, options.connections, 10);
  const pid = server.process.pid;
  const rss = new RssSampler(pid, 200).start();
  let running = true;
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let completed = 0;
  let errorResponses = 0;
  let droppedConnections = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];

  const fire = (client: BenchClient) => {
    const sentAt = performance.now();
    client.send('health', undefined, (response: Response, receivedAt: number) => {
      if (response.ok) {
        if (receivedAt >= windowStart && receivedAt < windowEnd) {
          completed += 1;
          latencies.push(receivedAt - sentAt);
        }
      } else if (response.error?.code !== CLOSED_ERROR_CODE) {
        // Calls failed by a closing socket are counted as dropped connections or unanswered calls.
        errorResponses += 1;
        firstError ??= describeError(response);
      }
      if (running && client.isOpen) fire(client);
    });
  };
  for (const client of clients) {
    void client.closed.then((info) => {
      if (info.unexpected) {
        droppedConnections += 1;
        firstError ??= `connection dropped: ${info.code} ${info.reason}`;
      }
    });
  }

  let serverCpuPercent = Number.NaN;
  let clientCpuPercent: number;
  let unanswered: number;
  try {
    for (const client of clients) for (let slot = 0; slot < options.depth; slot += 1) fire(client);
    await sleep(options.warmupMs);

    const serverCpuBefore = readCpuSeconds(pid);
    const clientCpuBefore = process.cpuUsage();
    windowStart = performance.now();
    windowEnd = windowStart + options.windowMs;
    await sleep(options.windowMs);
    const elapsedS = (performance.now() - windowStart) / 1_000;
    const serverCpuAfter = readCpuSeconds(pid);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    if (serverCpuBefore !== undefined && serverCpuAfter !== undefined) serverCpuPercent = ((serverCpuAfter - serverCpuBefore) / elapsedS) * 100;
    clientCpuPercent = ((clientCpu.user + clientCpu.system) / 1e6 / elapsedS) * 100;

    running = false;
    const drainDeadline = performance.now() + 5_000;
    while (clients.some((client) => client.inFlight > 0) && performance.now() < drainDeadline) await sleep(10);
    unanswered = clients.reduce((sum, client) => sum + client.inFlight, 0);
  } finally {
    running = false;
    await closeAll(clients);
  }
  const serverRss = rss.stop();
  const total = errorResponses + droppedConnections + unanswered;
  return {
    ...options,
    completed,
    callsPerSecond: completed / (options.windowMs / 1_000),
    errors: { total, errorResponses, droppedConnections, unanswered, ...(firstError ? { firstError } : {}) },
    latencyUnderLoadMs: distribution(latencies),
    serverRss,
    serverCpuPercent,
    clientCpuPercent,
  };
}
