/**
 * The gateway as the packaged app runs it: the bundle (dist/bundle/) and node_modules/sh-syntax
 * copied side by side into an `app.asar.unpacked/` far from this repo (electron-builder.yml), so no
 * other package can be found by walking up. It must start, answer a handshake and know its version.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../helpers/gateway-process.js';
import { connectClient } from '../helpers/protocol-client.js';

const REPO = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

describe('the packaged gateway layout', () => {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-packaged-'));
  const unpacked = join(root, 'resources', 'app.asar.unpacked');
  const entry = join(unpacked, 'dist', 'bundle', 'gatehouse.js');
  const stateDir = join(root, 'state');
  let gateway: ChildProcess | undefined;

  beforeAll(() => {
    cpSync(join(REPO, 'dist', 'bundle'), join(unpacked, 'dist', 'bundle'), { recursive: true });
    cpSync(join(REPO, 'node_modules', 'sh-syntax'), join(unpacked, 'node_modules', 'sh-syntax'), { recursive: true });
  });

  afterAll(() => {
    gateway?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('reports the app’s version', () => {
    const result = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(VERSION);
  });

  it('finds sh-syntax’s WebAssembly parser from the bundle’s chunks, as gateway/features/exec-approvals/shell-parser.ts looks for it', () => {
    const chunk = join(unpacked, 'dist', 'bundle', 'chunks', 'any-chunk.js');
    const script = `console.log(require('node:module').createRequire(${JSON.stringify(chunk)}).resolve('sh-syntax/main.wasm'))`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: root, timeout: 20_000 });
    expect(result.stdout.trim()).toBe(join(unpacked, 'node_modules', 'sh-syntax', 'main.wasm'));
  });

  it('starts, answers a handshake with its version, and stops cleanly', async () => {
    const child = spawn(process.execPath, [entry, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', TEST_TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
    gateway = child;
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolveUrl(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`gateway exited (${code}) before listening:\n${output}`)));
    });
    const { client, hello } = await connectClient(url, { token: TEST_TOKEN });
    expect(hello.server.version).toBe(VERSION);
    client.close();
    const code = await new Promise<number | null>((resolveExit) => {
      child.once('exit', resolveExit);
      child.kill('SIGTERM');
    });
    expect(code, output).toBe(0);
  });
});
