/**
 * Pieces the main-process tests share: free loopback ports, a clock that runs backoff timers
 * at once (recording what was asked for), a launcher that remembers what it launched, and
 * "wait until the supervisor says …".
 */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayLauncher, GatewayLaunchRequest, LaunchedGateway } from '../../../main/supervisor/gateway-launcher.js';
import type { GatewaySupervisor } from '../../../main/supervisor/gateway-supervisor.js';
import type { ClockTimer, SupervisorClock } from '../../../main/supervisor/supervisor-clock.js';
import type { SupervisorStatus } from '../../../main/supervisor/supervisor-status.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Real `now()`, but scheduled timers fire right away (all of them, or those `fireAtOnce`
 * picks; the others wait for real); the delays asked for are recorded.
 */
export class ImmediateClock implements SupervisorClock {
  readonly delays: number[] = [];
  constructor(private readonly fireAtOnce: (delayMs: number) => boolean = () => true) {}

  now(): number {
    return Date.now();
  }

  schedule(delayMs: number, callback: () => void): ClockTimer {
    this.delays.push(delayMs);
    const timer = setTimeout(callback, this.fireAtOnce(delayMs) ? 0 : delayMs);
    return { cancel: () => clearTimeout(timer) };
  }
}

/** Wraps a launcher; remembers every launch (pid, env) and can run something before each one. */
export class RecordingLauncher implements GatewayLauncher {
  readonly launches: { pid: number | undefined; env: Readonly<Record<string, string>> }[] = [];
  readonly description: string;
  readonly listeningLine: RegExp | undefined;

  constructor(
    private readonly inner: GatewayLauncher,
    private readonly beforeLaunch?: () => void,
  ) {
    this.description = inner.description;
    this.listeningLine = inner.listeningLine;
  }

  launch(request: GatewayLaunchRequest): LaunchedGateway {
    this.beforeLaunch?.();
    const launched = this.inner.launch(request);
    this.launches.push({ pid: launched.pid, env: request.env });
    return launched;
  }

  get pids(): number[] {
    return this.launches.map((launch) => launch.pid).filter((pid): pid is number => pid !== undefined);
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitUntilGone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Resolves with the first status (current or later) that matches. */
export function statusMatching(
  supervisor: GatewaySupervisor,
  predicate: (status: SupervisorStatus) => boolean,
  timeoutMs = 15_000,
  description = 'status',
): Promise<SupervisorStatus> {
  if (predicate(supervisor.status)) return Promise.resolve(supervisor.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${description}; last status ${JSON.stringify(supervisor.status)}`));
    }, timeoutMs);
    const unsubscribe = supervisor.subscribe((status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    });
  });
}

export async function healthz(port: number): Promise<{ ok?: boolean; bootId?: string } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return (await response.json()) as { ok?: boolean; bootId?: string };
  } catch {
    return undefined;
  }
}

/** The environment a launched gateway gets on top of the launcher's env: nothing inherited that could point it elsewhere. */
export function cleanBaseEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('GATEHOUSE_') || key.startsWith('OPENCLAW_') || key.startsWith('CLAWDBOT_')) delete env[key];
  }
  return env;
}
