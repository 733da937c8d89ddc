import type { GatewayProbe } from './gateway-probe.js';
import type { OwnedGatewayProcess } from './owned-gateway-process.js';

export type ReadyOutcome = 'ready' | 'exited' | 'aborted' | 'timeout';

/**
 * A launched gateway is ready once it printed its listening line and its /healthz answers ok
 * (polled every 100 ms, at the URL from that line when it names one); the wait also ends when the
 * process exits, the signal aborts, or `timeoutMs` passes.
 */
export async function waitUntilReady(
  child: Pick<OwnedGatewayProcess, 'listening' | 'exited'>,
  options: { probe: GatewayProbe; fallbackHttpUrl: string; timeoutMs: number; signal: AbortSignal },
): Promise<ReadyOutcome> {
  let stop: Exclude<ReadyOutcome, 'ready'> | undefined;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const end = (reason: Exclude<ReadyOutcome, 'ready'>) => {
    stop ??= reason;
    wake();
  };
  const timer = setTimeout(() => end('timeout'), options.timeoutMs);
  const onAbort = () => end('aborted');
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) end('aborted');
  void child.exited.then(() => end('exited'));
  try {
    const listeningUrl = await Promise.race([child.listening, stopped.then(() => undefined)]);
    const httpUrl = listeningUrl ? listeningUrl.replace(/^ws/, 'http') : options.fallbackHttpUrl;
    while (stop === undefined) {
      const health = await options.probe.healthz(httpUrl);
      if (stop !== undefined) break;
      if (health.ok) return 'ready';
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), stopped]);
    }
    return stop;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}
