/**
 * GatewayLaunchers on top of `child_process.spawn`:
 *
 * - NodeChildProcessLauncher runs our own gateway (`<node> dist/bundle/gatehouse.js gateway run`),
 *   for tests and development (the packaged app uses the app itself, see app-host-launcher.ts,
 *   or Electron's utilityProcess); `detached` makes it able to outlive the launching process.
 * - ExternalCommandLauncher runs a configured command (for example `openclaw gateway run`) with
 *   `OPENCLAW_SUPERVISOR_MODE=external` set; the protocol it speaks is the same.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { OPENCLAW_LAUNCH_ENV } from '../../shared/gateway-host/launch-env.js';
import type { GatewayLauncher, GatewayLaunchRequest, GatewayOutputStream, LaunchedGateway } from './gateway-launcher.js';
import { LineSplitter } from './line-splitter.js';
import { LaunchEvents } from './launch-events.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface NodeChildProcessLauncherOptions {
  /** The gateway CLI entry, normally the bundle `<repo>/dist/bundle/gatehouse.js`. */
  cliEntry: string;
  /** The Node binary; defaults to the running one. */
  nodePath?: string;
  /** Base environment of the child; defaults to this process's environment. */
  baseEnv?: Env;
  cwd?: string;
  /** Its own process group, and a `detach()` that leaves it running when this process ends. */
  detached?: boolean;
}

export class NodeChildProcessLauncher implements GatewayLauncher {
  readonly description: string;
  readonly #options: NodeChildProcessLauncherOptions;

  constructor(options: NodeChildProcessLauncherOptions) {
    this.#options = { ...options, cliEntry: resolve(options.cliEntry) };
    this.description = `node ${this.#options.cliEntry} gateway run`;
  }

  launch(request: GatewayLaunchRequest): LaunchedGateway {
    const env: Record<string, string | undefined> = { ...(this.#options.baseEnv ?? process.env), ...request.env };
    // Under Electron, process.execPath is the Electron binary; this makes it behave as Node.
    if (this.#options.nodePath === undefined && process.versions.electron !== undefined) env['ELECTRON_RUN_AS_NODE'] = '1';
    return spawnGateway(this.#options.nodePath ?? process.execPath, [this.#options.cliEntry, 'gateway', 'run'], env, {
      ...(this.#options.cwd === undefined ? {} : { cwd: this.#options.cwd }),
      detached: this.#options.detached === true,
    });
  }
}

export interface ExternalCommandLauncherOptions {
  command: string;
  args?: readonly string[];
  baseEnv?: Env;
  cwd?: string;
  /** The external gateway's "listening" line, if it differs from ours. */
  listeningLine?: RegExp;
}

export const EXTERNAL_SUPERVISOR_MODE_ENV = 'OPENCLAW_SUPERVISOR_MODE';


export class ExternalCommandLauncher implements GatewayLauncher {
  readonly description: string;
  readonly listeningLine: RegExp | undefined;
  readonly #options: ExternalCommandLauncherOptions;

  constructor(options: ExternalCommandLauncherOptions) {
    this.#options = options;
    this.listeningLine = options.listeningLine;
    this.description = [options.command, ...(options.args ?? [])].join(' ');
  }

  launch(request: GatewayLaunchRequest): LaunchedGateway {
    const env: Record<string, string | undefined> = { ...(this.#options.baseEnv ?? process.env), ...request.env };
    // Gateways that only read the OpenClaw names get them too.
    for (const [name, twin] of Object.entries(OPENCLAW_LAUNCH_ENV)) {
      const value = request.env[name];
      if (value !== undefined) env[twin] = value;
    }
    env[EXTERNAL_SUPERVISOR_MODE_ENV] = 'external';
    return spawnGateway(this.#options.command, [...(this.#options.args ?? [])], env, this.#options.cwd === undefined ? {} : { cwd: this.#options.cwd });
  }
}

export interface SpawnOptions {
  cwd?: string;
  /**
   * The child gets its own process group (POSIX) and the handle a `detach()`: the gateway then
   * survives this process, and its console pipes closing (the gateway keeps running without them).
   */
  detached?: boolean;
}

/** A spawned process as a LaunchedGateway: line streams, one exit report (after stdio closed). */
export function spawnGateway(command: string, args: string[], env: Env, options: SpawnOptions = {}): LaunchedGateway {
  const events = new LaunchEvents();
  let detached = false;
  const emitLine = (stream: GatewayOutputStream, line: string): void => {
    if (!detached) events.emitLine(stream, line);
  };
  const emitExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (!detached) events.emitExit(code, signal);
  };

  const child = spawn(command, args, { env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: options.detached === true });
  const splitters = {
    stdout: new LineSplitter((line) => emitLine('stdout', line)),
    stderr: new LineSplitter((line) => emitLine('stderr', line)),
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => splitters.stdout.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => splitters.stderr.push(chunk));
  child.on('error', (error) => {
    // Spawn failures (ENOENT, EACCES) come here, with or without a later 'close'.
    if (child.pid === undefined) {
      emitLine('stderr', `could not start ${command}: ${error.message}`);
      emitExit(null, null);
    }
  });
  // 'close' rather than 'exit': by then the last lines (e.g. the exit-78 message) are delivered.
  child.on('close', (code, signal) => {
    splitters.stdout.flush();
    splitters.stderr.flush();
    emitExit(code, signal);
  });

  const handle: LaunchedGateway = {
    pid: child.pid,
    onExit: (listener) => events.onExit(listener),
    onLine: (listener) => events.onLine(listener),
    kill(signal) {
      if (detached || events.exited || child.exitCode !== null || child.signalCode !== null) return;
      try {
        child.kill(signal);
      } catch {
        // Already gone between the check and the call.
      }
    },
  };
  if (options.detached === true) {
    handle.detach = () => {
      if (detached) return;
      detached = true;
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
    };
  }
  return handle;
}
