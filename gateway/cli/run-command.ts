import { EXIT_FAILED, EXIT_USAGE } from '../../shared/gateway-host/exit-codes.js';
import { resolveConfigPath, resolveStateDir } from '../core/config/state-paths.js';
import { GatewayRuntime, GatewayStartError } from '../composition/gateway-runtime.js';
import { favourFewerFullCollections } from '../core/runtime/heap-growth.js';
import { persistModuleCompileCache } from './compile-cache.js';
import { provideProcessReplacement } from '../features/update/process-handover.js';
import { processSuccessor } from './process-successor.js';

/**
 * When start-up is over: after the heap trim (0.5 s) and the first clients' handshakes. Then the
 * compile cache is written, this code included, and `onStartupOver` runs.
 */
const STARTUP_OVER_MS = 2_000;

export interface RunFlags {
  port?: string;
  bind?: string;
  auth?: string;
  token?: string;
  password?: string;
  stateDir?: string;
  config?: string;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new GatewayStartError(`--port must be a whole number from 0 to 65535 (got "${value}")`, EXIT_USAGE);
  }
  return port;
}

/**
 * A daemon outlives whoever reads its console: the app that launched it may quit and leave it
 * running, a pipe may close (`gatehouse gateway run | head`). Writing to a console that is gone
 * fails with EPIPE, and an unheard stream error would end the gateway; the log file keeps every
 * line, so the console is dropped instead.
 */
function keepRunningWithoutConsole(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => stream.destroy());
}

export interface RunHooks {
  /** Once start-up is over (main.ts turns the optimizing compiler back on here). */
  onStartupOver?: () => void;
}

/** `gatehouse gateway run`: foreground until SIGTERM/SIGINT, then a clean shutdown. */
export async function runGateway(flags: RunFlags, hooks: RunHooks = {}): Promise<number> {
  keepRunningWithoutConsole();
  favourFewerFullCollections();
  const env = process.env;
  const stateDir = flags.stateDir ?? resolveStateDir(env);
  const configPath = resolveConfigPath({ cliPath: flags.config, env, stateDir });
  // Listened to from here on, not once start() returns: the first clients are served before it
  // does (it waits for their hello-ok before the features start), and a signal in that time stops
  // the gateway once it has started. (Removing a signal's last listener would also drop a signal
  // that arrived and was not yet dispatched.)
  let signalledDuringStart: string | undefined;
  let stop: ((signal: string) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop) stop(signal);
    else if (signalledDuringStart === undefined) signalledDuringStart = signal;
    else exitWithoutWaiting(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  let runtime: GatewayRuntime;
  try {
    runtime = await GatewayRuntime.start({
      stateDir,
      configPath,
      env,
      overrides: { port: parsePort(flags.port), bind: flags.bind, authMode: flags.auth, token: flags.token, password: flags.password },
      announce: (line) => console.log(line),
      onFatal: () => process.exit(EXIT_FAILED),
    });
  } catch (error) {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    const code = error instanceof GatewayStartError ? error.exitCode : EXIT_FAILED;
    console.error(`gatehouse: ${(error as Error).message}`);
    return code;
  }
  // update.run hands this process to the updated CLI through this.
  provideProcessReplacement(processSuccessor(runtime));
  const startupOver = setTimeout(() => {
    hooks.onStartupOver?.();
    persistModuleCompileCache();
  }, STARTUP_OVER_MS).unref();
  return await new Promise<number>((resolve) => {
    let stopping = false;
    stop = (signal: string) => {
      clearTimeout(startupOver);
      if (stopping) exitWithoutWaiting(signal);
      stopping = true;
      void runtime.shutdown(`gateway stopping (${signal})`).then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`gatehouse: shutdown failed: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    if (signalledDuringStart !== undefined) stop(signalledDuringStart);
  });
}

function exitWithoutWaiting(signal: string): never {
  console.error(`gatehouse: ${signal} again, exiting without waiting`);
  process.exit(EXIT_FAILED);
}
