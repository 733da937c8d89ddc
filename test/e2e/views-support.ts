/**
 * Shared pieces of the view tests: the built renderer served over loopback, a page opened on one
 * view with the scriptable stub bridge (stub-bridge.ts) in place of the preload, screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GatewayStatusView } from '../../shared/ipc/contract.js';
import { serveDirectory, type StaticServer } from './static-server.js';
import { forWindow, installStubBridge, StubBridge, type StubBridgeInit } from './stub-bridge.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

let server: StaticServer | undefined;

/** Serves out/renderer for the tests of one spec file. */
export function useRendererServer(): void {
  test.beforeAll(async () => {
    server = await serveDirectory(join(repoRoot, 'out', 'renderer'));
    mkdirSync(screenshotDir, { recursive: true });
  });
  test.afterAll(async () => {
    await server?.close();
    server = undefined;
  });
}

export interface OpenedView {
  stub: StubBridge;
  /** Script errors, console errors and warnings, CSP violations, failed requests. */
  problems: string[];
}

export async function openView(
  page: Page,
  view: string,
  init: StubBridgeInit,
  viewport?: { width: number; height: number },
): Promise<OpenedView> {
  if (!server) throw new Error('useRendererServer() was not called in this spec file');
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  if (viewport) await page.setViewportSize(viewport);
  // The stub serves only the channels of the window `view` opens in, as its preload would.
  await page.addInitScript(installStubBridge, forWindow(view, init));
  await page.goto(`${server.url}/index.html#${view}`);
  return { stub: new StubBridge(page), problems };
}

export const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });

/** Nothing was asked of main on `channel` over a short wait (for "this key does nothing"). */
export async function expectNoRequests(stub: StubBridge, channel: 'approvals:resolve', page: Page): Promise<void> {
  await page.waitForTimeout(250);
  expect(await stub.requests(channel)).toEqual([]);
}

export function status(overrides: Partial<GatewayStatusView> = {}): GatewayStatusView {
  return {
    state: 'running',
    url: 'ws://127.0.0.1:18789',
    attached: false,
    since: 0,
    connection: { status: 'connected' },
    counts: { approvals: 0, pairing: 0 },
    canRetry: false,
    ...overrides,
  };
}
