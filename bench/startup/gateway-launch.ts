import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ProcessExit, type ServerProcess } from '../server-process.js';
import { INHERITED_OVERRIDES } from '../servers-under-test.js';

/**
 * Variables of the bench's own environment that would change what is measured: those every
 * gateway suite drops (servers-under-test.ts), plus the port and another compile cache.
 */
const STARTUP_OVERRIDES = [...INHERITED_OVERRIDES, 'GATEHOUSE_GATEWAY_PORT', 'OPENCLAW_GATEWAY_PORT', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'];

/**
 * The environment of every gateway and CLI process of the suite. The CLI keeps its compile cache
 * in the OS cache folder (gateway/cli/compile-cache.ts); pointing that folder into `cacheHome`
 * gives the suite a cache it controls — warm or empty — through the CLI's own code path. (An
 * entry without that code, such as an older build given with --entry, simply runs uncached.)
 */
export function suiteEnv(cacheHome: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of STARTUP_OVERRIDES) delete env[key];
  return { ...env, XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome, ...extra };
}

export interface LaunchedGateway {
  readonly process: ServerProcess;
  readonly stateDir: string;
  /** Stops the gateway and removes its state dir. */
  stop(): Promise<ProcessExit>;
}

/** `<entry> gateway run` on a free loopback port with a fresh state dir and the given token. */
export async function launchGateway(entry: string, token: string, env: NodeJS.ProcessEnv): Promise<LaunchedGateway> {
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-startup-'));
  let child: ServerProcess;
  try {
    child = await startServerProcess({ label: 'gateway', args: [entry, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', token], env });
  } catch (error) {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  return {
    process: child,
    stateDir,
    async stop() {
      const exit = await child.stop();
      rmSync(stateDir, { recursive: true, force: true });
      return exit;
    },
  };
}
