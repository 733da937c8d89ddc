/**
 * GatewayLauncher on Electron's `utilityProcess.fork`: the packaged app runs the gateway
 * (`dist/bundle/gatehouse.js gateway run`) as a Node utility process of its own, which needs
 * neither a Node install nor ELECTRON_RUN_AS_NODE (that fuse is off, see electron-builder.yml).
 * https://www.electronjs.org/docs/latest/api/utility-process
 *
 * Differences from child_process that this hides:
 * - `pid` is only known once the process spawned, so it is read live (OwnedGatewayProcess asks
 *   for it when it needs it);
 * - `kill()` takes no signal (SIGTERM on POSIX); SIGKILL goes through `process.kill(pid)`;
 * - `exit` can come before the output pipes are drained, so the exit is reported once both
 *   streams ended (or shortly after, if one never does), keeping the last lines — such as the
 *   gateway's exit-78 message — ahead of it.
 *
 * `fork` comes in through the options, so tests drive the launcher with a fake utility process.
 */
import type { GatewayLauncher, GatewayLaunchRequest, GatewayOutputStream, LaunchedGateway } from './gateway-launcher.js';
import { LineSplitter } from './line-splitter.js';
import { LaunchEvents } from './launch-events.js';

/** The part of Electron's UtilityProcess the launcher uses. */
export interface UtilityProcessPort {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (...args: unknown[]) => void): unknown;
  kill(): boolean;
}

export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: { env: Record<string, string>; stdio: 'pipe'; serviceName: string; cwd?: string },
) => UtilityProcessPort;

export interface UtilityProcessLauncherOptions {
  /** Absolute path of the gateway CLI entry (see app-paths.ts `gatewayCli`). */
  cliEntry: string;
  fork: UtilityFork;
  /** Base environment of the gateway; defaults to this process's environment. */
  baseEnv?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** How long to wait for the output streams after the exit before reporting it anyway. */
  drainTimeoutMs?: number;
  /** process.kill, for SIGKILL; tests hand in their own. */
  signal?: (pid: number, signal: NodeJS.Signals) => void;
}

export class UtilityProcessLauncher implements GatewayLauncher {
  readonly description: string;
  readonly #options: UtilityProcessLauncherOptions;

  constructor(options: UtilityProcessLauncherOptions) {
    this.#options = options;
    this.description = `utility process ${options.cliEntry} gateway run`;
  }

  launch(request: GatewayLaunchRequest): LaunchedGateway {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...(this.#options.baseEnv ?? process.env), ...request.env })) {
      if (value !== undefined) env[name] = value;
    }
    const events = new LaunchEvents();
    const emitLine = (stream: GatewayOutputStream, line: string): void => events.emitLine(stream, line);
    const emitExit = (code: number | null, signal: NodeJS.Signals | null): void => events.emitExit(code, signal);

    let child: UtilityProcessPort;
    try {
      child = this.#options.fork(this.#options.cliEntry, ['gateway', 'run'], {
        env,
        stdio: 'pipe',
        serviceName: 'Gatehouse gateway',
        ...(this.#options.cwd === undefined ? {} : { cwd: this.#options.cwd }),
      });
    } catch (error) {
      queueMicrotask(() => {
        emitLine('stderr', `could not start the gateway utility process: ${error instanceof Error ? error.message : String(error)}`);
        emitExit(null, null);
      });
      return { pid: undefined, onExit: (listener) => events.onExit(listener), onLine: (listener) => events.onLine(listener), kill: () => {} };
    }

    let openStreams = 0;
    let exitCode: number | undefined;
    let killedWith: NodeJS.Signals | null = null;
    const finish = (): void => {
      if (exitCode === undefined || openStreams > 0) return;
      // The gateway's own exit code when it ended on its own or handled our SIGTERM; the signal we sent when not.
      emitExit(exitCode, exitCode === 0 ? null : killedWith);
    };
    for (const [name, stream] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
      if (stream === null) continue;
      openStreams += 1;
      const splitter = new LineSplitter((line) => emitLine(name, line));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => splitter.push(chunk));
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        splitter.flush();
        openStreams -= 1;
        finish();
      };
      stream.on('end', end);
      stream.on('close', end);
      stream.on('error', end);
    }
    child.on('exit', (code) => {
      exitCode = code;
      finish();
      // A stream that never ends must not hold the exit back for good.
      setTimeout(() => {
        openStreams = 0;
        finish();
      }, this.#options.drainTimeoutMs ?? 1_000).unref?.();
    });
    child.on('error', (...args) => emitLine('stderr', `gateway utility process error: ${args.map(String).join(' ')}`));

    const sendSignal = this.#options.signal ?? ((pid: number, signal: NodeJS.Signals) => process.kill(pid, signal));
    return {
      get pid() {
        return child.pid;
      },
      onExit: (listener) => events.onExit(listener),
      onLine: (listener) => events.onLine(listener),
      kill(signal) {
        if (events.exited || exitCode !== undefined) return;
        killedWith = signal;
        if (signal === 'SIGTERM' || child.pid === undefined) {
          child.kill();
          return;
        }
        try {
          sendSignal(child.pid, signal);
        } catch {
          // Already gone between the check and the call.
        }
      },
    };
  }
}
