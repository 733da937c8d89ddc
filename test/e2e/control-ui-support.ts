/**
 * For the Control UI e2e tests: a real gateway process (dist/bundle, built by
 * `npm run build:gateway`, which also builds the UI into dist/control-ui) serving the real
 * bundle, and the ways to sign a page in.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { removeStateDir, startGateway, type GatewayProcess, type StartOptions } from '../helpers/gateway-process.js';
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
