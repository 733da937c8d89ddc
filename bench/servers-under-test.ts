import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CEILING_SERVER_ENTRY, GATEWAY_CLI_ENTRY } from './paths.js';
import { startServerProcess, type ProcessExit, type ServerProcess } from './server-process.js';

export type ServerKind = 'ceiling' | 'gateway';

/** A running server the scenarios talk to: the real gateway or the bare-ws ceiling. */
export interface ServerUnderTest {
  readonly kind: ServerKind;
  readonly url: string;
  readonly token: string;
  readonly process: ServerProcess;
  /** Stops the process and removes its state dir. */
  stop(): Promise<ProcessExit>;
}

/** Variables that would point the gateway at another token, config or log level than the bench's. */
export const INHERITED_OVERRIDES: readonly string[] = [
  'GATEHOUSE_GATEWAY_TOKEN',
  'OPENCLAW_GATEWAY_TOKEN',
  'CLAWDBOT_GATEWAY_TOKEN',
  'GATEHOUSE_CONFIG_PATH',
  'OPENCLAW_CONFIG_PATH',
  'GATEHOUSE_STATE_DIR',
  'OPENCLAW_STATE_DIR',
  'GATEHOUSE_LOG_LEVEL',
];

export function benchToken(): string {
  return `bench-${randomBytes(16).toString('hex')}`;
}

export interface GatewayOptions {
  /** Written to `<stateDir>/gatehouse.json` before the start; without it the gateway runs on defaults. */
  config?: unknown;
}

/** `gatehouse gateway run` on a free loopback port with a fresh temp state dir (and default settings unless `config` is given). */
export async function startGateway(token: string, options: GatewayOptions = {}): Promise<ServerUnderTest> {
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of INHERITED_OVERRIDES) delete env[key];
  let child: ServerProcess;
  try {
    if (options.config !== undefined) writeFileSync(join(stateDir, 'gatehouse.json'), `${JSON.stringify(options.config, null, 2)}\n`);
    child = await startServerProcess({
      label: 'gateway',
      args: [GATEWAY_CLI_ENTRY, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', token],
      env,
    });
  } catch (error) {
    rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }
  return {
    kind: 'gateway',
    url: child.url,
    token,
    process: child,
    async stop() {
      const exit = await child.stop();
      rmSync(stateDir, { recursive: true, force: true });
      return exit;
    },
  };
}

/** The bench's bare `ws` server, spawned the same way as the gateway. */
export async function startCeiling(token: string): Promise<ServerUnderTest> {
  const child = await startServerProcess({ label: 'ceiling', args: [CEILING_SERVER_ENTRY, '--port', '0'] });
  return { kind: 'ceiling', url: child.url, token, process: child, stop: () => child.stop() };
}

export function startServer(kind: ServerKind, token: string): Promise<ServerUnderTest> {
  return kind === 'gateway' ? startGateway(token) : startCeiling(token);
}
