/**
 * For the Control UI e2e tests: a real gateway process (dist/bundle, built by
 * `npm run build:gateway`, which also builds the UI into dist/control-ui) serving the real
 * bundle, and the ways to sign a page in.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { CLI_ENTRY, makeStateDir, removeStateDir, startGateway, TEST_TOKEN, type GatewayProcess, type StartOptions } from '../helpers/gateway-process.js';
import { repoRoot } from './global-setup.js';

export interface ServedGateway {
  gateway: GatewayProcess;
  /** `http://127.0.0.1:<port>/` */
  origin: string;
  stop(): Promise<void>;
}

export async function startServedGateway(options: StartOptions = {}): Promise<ServedGateway> {
  if (!existsSync(join(repoRoot, 'dist', 'control-ui', 'index.html'))) {
    throw new Error('dist/control-ui is missing: run `npm run build:gateway` (it builds the Control UI too)');
  }
  // The bundle under test, named explicitly: the one this checkout just built.
  const config = options.config ?? JSON.stringify({ gateway: { controlUi: { root: join(repoRoot, 'dist', 'control-ui') } } });
  const gateway = await startGateway({ ...options, config });
  return {
    gateway,
    origin: `http://127.0.0.1:${gateway.port}/`,
    async stop() {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    },
  };
}

/** What `gatehouse dashboard` does: a one-time login code from the running gateway, as its URL. */
export async function mintLoginUrl(served: ServedGateway): Promise<string> {
  const response = await fetch(new URL('api/login-code', served.origin), { method: 'POST', headers: { authorization: `Bearer ${served.gateway.token}` } });
  if (!response.ok) throw new Error(`login-code: ${response.status} ${await response.text()}`);
  const { url } = (await response.json()) as { url: string };
  return url;
}

/** The sign-in form with the shared token, then the shell. */
export async function signInWithToken(page: Page, served: ServedGateway): Promise<void> {
  await page.goto(served.origin);
  await page.getByLabel('Gateway token').fill(served.gateway.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('connection-state').getByText('Connected').waitFor();
}

export interface TlsServedGateway {
  /** `https://127.0.0.1:<port>/` */
  origin: string;
  token: string;
  /** The SHA-256 fingerprint of the certificate, as the gateway printed it at start. */
  announcedFingerprint: string;
  stateDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A gateway with gateway.tls on and autoGenerate: it makes its own self-signed certificate in the
 * state dir and prints its fingerprint, as a person running it on a home server would see.
 */
export async function startTlsGateway(): Promise<TlsServedGateway> {
  const stateDir = makeStateDir('gatehouse-e2e-tls-');
  const config = { gateway: { tls: { enabled: true, autoGenerate: true }, controlUi: { root: join(repoRoot, 'dist', 'control-ui') } } };
  writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify(config));
  const env: NodeJS.ProcessEnv = { ...process.env, GATEHOUSE_LOG_LEVEL: 'info' };
  for (const key of ['GATEHOUSE_GATEWAY_PORT', 'OPENCLAW_GATEWAY_PORT', 'GATEHOUSE_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_TOKEN', 'GATEHOUSE_CONFIG_PATH', 'OPENCLAW_CONFIG_PATH']) delete env[key];
  const child = spawn(process.execPath, [CLI_ENTRY, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', TEST_TOKEN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    removeStateDir(stateDir);
  };
  const deadline = Date.now() + 20_000;
  let listening: RegExpExecArray | null;
  while ((listening = /listening on wss:\/\/127\.0\.0\.1:(\d+)/.exec(output)) === null) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the TLS gateway did not start:\n${output}`);
    }
    await sleep(20);
  }
  const fingerprint = /TLS certificate SHA-256 fingerprint: ([0-9a-f]{64})/.exec(output)?.[1];
  if (fingerprint === undefined) {
    await stop();
    throw new Error(`the TLS gateway printed no certificate fingerprint:\n${output}`);
  }
  return { origin: `https://127.0.0.1:${listening[1]}/`, token: TEST_TOKEN, announcedFingerprint: fingerprint, stateDir, output: () => output, stop };
}
