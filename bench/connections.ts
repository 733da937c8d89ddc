import { setTimeout as sleep } from 'node:timers/promises';
import { BenchClient, HandshakeRejectedError, type HandshakeTiming, type Response } from './bench-client.js';

/** Connects `count` operators, at most `concurrency` handshakes at a time; closes them all if one fails. */
export async function connectMany(url: string, token: string, count: number, concurrency: number, timeoutMs = 20_000): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < count && failure === undefined) {
      next += 1;
      try {
        const { client } = await BenchClient.connect(url, { token, timeoutMs });
        clients.push(client);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure !== undefined) {
    await closeAll(clients);
    throw failure;
  }
  return clients;
}

export async function closeAll(clients: readonly BenchClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}

/**
 * Connects as soon as the server can take it: retries refused sockets and retryable rejections
 * (a gateway still starting answers UNAVAILABLE) until `timeoutMs` has passed.
 */
export async function connectWhenReady(url: string, token: string, timeoutMs = 15_000): Promise<{ client: BenchClient; timing: HandshakeTiming; attempts: number }> {
  const deadline = performance.now() + timeoutMs;
  for (let attempts = 1; ; attempts += 1) {
    try {
      const { client, timing } = await BenchClient.connect(url, { token, timeoutMs: Math.max(1, deadline - performance.now()) });
      return { client, timing, attempts };
    } catch (error) {
      const retryable = error instanceof HandshakeRejectedError ? error.retryable : (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      if (!retryable || performance.now() > deadline) throw error;
      await sleep(2);
    }
  }
}

/** One request as a promise, without a timer: the caller's watchdog terminates a stuck socket. */
export function call(client: BenchClient, method: string, params?: unknown): Promise<{ response: Response; receivedAt: number }> {
  return new Promise((resolve) => client.send(method, params, (response, receivedAt) => resolve({ response, receivedAt })));
}

export function describeError(response: Response): string {
  return response.error ? `${response.error.code}: ${response.error.message}` : 'error without details';
}

/** Resolves with the work's value, or with `fallback()` (which may throw) once `ms` have passed; the timer is always released. */
export async function within<T>(work: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const expired = new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => {
        try {
          resolve(fallback());
        } catch (error) {
          reject(error);
        }
      }, ms);
    });
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
