import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The bundled CLI (build/bundle-gateway.mjs), what `gatehouse` and the companion run. */
export const CLI_ENTRY = resolve(import.meta.dirname, '../../dist/bundle/gatehouse.js');
export const TEST_TOKEN = 'test-gateway-token-0123456789abcdef';

export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly stateDir: string;
  readonly port: number;
  readonly url: string;
  readonly token: string;
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
  exited(): Promise<number | null>;
}

export interface StartOptions {
  stateDir?: string;
  config?: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  token?: string | null;
  /** A port for `--port`; null leaves the port to the config file (and defaults). */
  port?: number | null;
  /** The script run; the bundle's entry (CLI_ENTRY) unless a test needs another, such as bin/gatehouse.js. */
  entry?: string;
  /** Options for Node itself, before the script. */
  nodeArgs?: string[];
}

export function makeStateDir(prefix = 'gatehouse-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeStateDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `gatehouse gateway run` as a real child process and waits for its listening line. */
export async function startGateway(options: StartOptions = {}): Promise<GatewayProcess> {
  const stateDir = options.stateDir ?? makeStateDir();
  if (options.config !== undefined) writeFileSync(join(stateDir, 'gatehouse.json'), options.config);
  const token = options.token === null ? undefined : (options.token ?? TEST_TOKEN);
  const portArgs = options.port === null ? [] : ['--port', String(options.port ?? 0)];
  const args = [...(options.nodeArgs ?? []), options.entry ?? CLI_ENTRY, 'gateway', 'run', ...portArgs, '--state-dir', stateDir, ...(options.args ?? [])];
  if (token !== undefined) args.push('--token', token);
  const env: NodeJS.ProcessEnv = { ...process.env, GATEHOUSE_LOG_LEVEL: 'debug', ...options.env };
  for (const key of ['GATEHOUSE_GATEWAY_PORT', 'OPENCLAW_GATEWAY_PORT', 'GATEHOUSE_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_TOKEN', 'CLAWDBOT_GATEWAY_TOKEN', 'GATEHOUSE_CONFIG_PATH', 'OPENCLAW_CONFIG_PATH']) {
    if (!(options.env && key in options.env)) delete env[key];
  }
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const deadline = Date.now() + 15_000;
  let port: number | undefined;
  while (port === undefined) {
    const match = /listening on ws:\/\/127\.0\.0\.1:(\d+)/.exec(output);
    if (match) port = Number(match[1]);
    else if (child.exitCode !== null) throw new Error(`gateway exited (${child.exitCode}) before listening:\n${output}`);
    else if (Date.now() > deadline) throw new Error(`gateway did not start within 15 s:\n${output}`);
    else await sleep(20);
  }
  return {
    child,
    stateDir,
    port,
    url: `ws://127.0.0.1:${port}`,
    token: token ?? '',
    output: () => output,
    exited: () => exit,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exit;
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exit;
    },
  };
}

/** Runs the CLI to completion and returns its exit code and output. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolveExit) => child.once('exit', (c) => resolveExit(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
