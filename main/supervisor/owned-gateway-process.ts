/**
 * A gateway process the supervisor launched: its output goes to the log, and it knows when it
 * printed its listening line, when it exited, and how to be terminated (SIGTERM, then SIGKILL).
 */
import { DEFAULT_LISTENING_LINE, type GatewayLauncher, type LaunchedGateway } from './gateway-launcher.js';
import type { GatewayOutputLog } from './gateway-output-log.js';

export interface GatewayExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export class OwnedGatewayProcess {
  readonly startedAt: number;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<GatewayExit>;
  /** Resolves with the URL from the listening line (or undefined if the line had none). */
  readonly listening: Promise<string | undefined>;
  exit: GatewayExit | undefined;
  /** Printed its listening line and answered /healthz. */
  ready = false;
  /** We asked it to stop: its exit is not a crash. */
  expectedExit = false;
  readonly #handle: LaunchedGateway;

  constructor(
    launcher: GatewayLauncher,
    env: Readonly<Record<string, string>>,
    log: GatewayOutputLog,
    now: () => number,
  ) {
    this.startedAt = now();
    this.#handle = launcher.launch({ env });
    const pattern = launcher.listeningLine ?? DEFAULT_LISTENING_LINE;
    this.listening = new Promise((resolve) => {
      this.#handle.onLine((stream, line) => {
        log.append(stream, line, this.pid);
        const match = pattern.exec(line);
        if (match) resolve(match[1]);
      });
    });
    this.exited = new Promise((resolve) => {
      this.#handle.onExit((code, signal) => {
        this.exit = { code, signal, at: now() };
        resolve(this.exit);
      });
    });
  }

  /** Read live: some launchers (Electron's utilityProcess) only learn the pid once the process spawned. */
  get pid(): number | undefined {
    return this.#handle.pid;
  }

  kill(signal: NodeJS.Signals): void {
    this.#handle.kill(signal);
  }

  /** SIGTERM, wait up to `graceMs`, then SIGKILL and wait a little more. Marks the exit as expected. */
  async terminate(graceMs: number): Promise<GatewayExit | undefined> {
    this.expectedExit = true;
    if (this.exit) return this.exit;
    this.kill('SIGTERM');
    const graceful = await withTimeout(this.exited, graceMs);
    if (graceful) return graceful;
    this.kill('SIGKILL');
    return withTimeout(this.exited, 5_000);
  }
}

export function describeExit(exit: GatewayExit | undefined): string {
  if (!exit) return 'it did not exit';
  if (exit.code === null && exit.signal === null) return 'it could not be launched';
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
