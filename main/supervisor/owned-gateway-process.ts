/**
 * A gateway process the supervisor launched (or adopted: launched by an earlier run of the app
 * and left running): its output goes to the log, and it knows when it printed its listening
 * line, when it exited, and how to be terminated (SIGTERM, then SIGKILL).
 */
import { adoptedGateway, type StateDirOwner } from './adopted-gateway.js';
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
  /** Found running rather than launched: its exit status will not be known. */
  readonly adopted: boolean;
  readonly #handle: LaunchedGateway;

  static launch(launcher: GatewayLauncher, env: Readonly<Record<string, string>>, log: GatewayOutputLog, now: () => number): OwnedGatewayProcess {
    const startedAt = now();
    return new OwnedGatewayProcess(launcher.launch({ env }), { pattern: launcher.listeningLine ?? DEFAULT_LISTENING_LINE, log, now, startedAt, adopted: false });
  }

  /** A gateway an earlier run of the app left running: ready at once, output not ours to read. */
  static adopt(owner: StateDirOwner, log: GatewayOutputLog, now: () => number): OwnedGatewayProcess {
    const adopted = new OwnedGatewayProcess(adoptedGateway(owner.pid), {
      pattern: DEFAULT_LISTENING_LINE,
      log,
      now,
      startedAt: owner.startedAtMs ?? now(),
      adopted: true,
    });
    adopted.ready = true;
    return adopted;
  }

  private constructor(
    handle: LaunchedGateway,
    { pattern, log, now, startedAt, adopted }: { pattern: RegExp; log: GatewayOutputLog; now: () => number; startedAt: number; adopted: boolean },
  ) {
    this.startedAt = startedAt;
    this.adopted = adopted;
    this.#handle = handle;
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

  /** Whether it can be left running when the app quits. */
  get canOutliveApp(): boolean {
    return this.#handle.detach !== undefined;
  }

  /** Lets it run on alone (see LaunchedGateway.detach); false when this launch cannot. */
  detach(): boolean {
    if (!this.#handle.detach || this.exit) return false;
    this.expectedExit = true;
    this.#handle.detach();
    return true;
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

export function describeExit(exit: GatewayExit | undefined, adopted = false): string {
  if (!exit) return 'it did not exit';
  if (adopted) return 'it is gone (exit status unknown: an earlier run of the app started it)';
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
