import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNpmRegistry } from '../fixtures/npm-registry/fake-npm-registry.js';
import { buildGatehousePackage, npmPack, npmTestEnv, runNpm } from '../fixtures/npm-registry/gatehouse-package.js';
import { TEST_TOKEN } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';
import { referenceErrors } from '../helpers/reference-schemas.js';

// A gateway installed from npm (`npm install -g --prefix <tmp>` from a fake registry serving real
// tarballs of this repository's gateway, as 0.1.0 and 0.2.0) updates itself over the protocol:
// update.run checks the registry, installs 0.2.0 into the same prefix, writes the restart record
// and replaces its own process; the new one answers on the same port and reports the record.
// Before that: nothing newer, a registry that is down, an install npm refuses.

const UPDATE_TIMEOUT_MS = 180_000;

/** `gatehouse gateway run` from the installed package, as a user's shell would start it. */
class InstalledGateway {
  output = '';
  readonly exit: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** The URL of the `count`-th listening line (each process image prints one). */
  async listening(count: number): Promise<string> {
    for (;;) {
      const urls = [...this.output.matchAll(/listening on (ws:\/\/127\.0\.0\.1:\d+)/g)].map((match) => match[1] as string);
      if (urls.length >= count) return urls[count - 1] as string;
      if (this.child.exitCode !== null) throw new Error(`gateway exited (${this.child.exitCode}):\n${this.output}`);
      await sleep(25);
    }
  }
}

describe('update.run for a gateway installed from npm', () => {
  const work = mkdtempSync(join(tmpdir(), 'gatehouse-npm-update-'));
  const prefix = join(work, 'prefix');
  const stateDir = join(work, 'state');
  const runLog = join(work, 'ran.log');
  const registry = new FakeNpmRegistry();
  let env: NodeJS.ProcessEnv;
  let gateway: InstalledGateway;
  let admin: RawClient;
  let url: string;

  const installedVersion = () => (JSON.parse(readFileSync(join(prefix, 'lib', 'node_modules', 'gatehouse', 'package.json'), 'utf8')) as { version: string }).version;
  const run = async (params: Record<string, unknown>): Promise<Frame> => {
    const frame = await admin.request('update.run', params, UPDATE_TIMEOUT_MS);
    expect(frame.ok, JSON.stringify(frame.error)).toBe(true);
    return frame.payload as Frame;
  };

  beforeAll(async () => {
    await registry.start();
    env = { ...npmTestEnv(registry.url, work), GATEHOUSE_TEST_RUN_LOG: runLog, GATEHOUSE_LOG_LEVEL: 'debug' };
    for (const version of ['0.1.0', '0.2.0']) {
      const built = buildGatehousePackage(join(work, 'packages'), version);
      const tarball = npmPack(built.dir, join(work, 'tarballs'), env);
      // 0.2.0 is published later, by the test that needs it.
      if (version === '0.1.0') registry.publish(built.manifest, tarball);
      else registry.publish(built.manifest, tarball, 'next');
    }
    const installed = await runNpm(['install', '-g', '--prefix', prefix, 'gatehouse@0.1.0'], env);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installedVersion()).toBe('0.1.0');

    const entry = join(prefix, 'lib', 'node_modules', 'gatehouse', 'bin', 'gatehouse.js');
    gateway = new InstalledGateway(spawn(process.execPath, [entry, 'gateway', 'run', '--port', '0', '--state-dir', stateDir, '--token', TEST_TOKEN], { env, stdio: ['ignore', 'pipe', 'pipe'] }));
    url = await gateway.listening(1);
    admin = (await connectClient(url, { token: TEST_TOKEN })).client;
  }, UPDATE_TIMEOUT_MS);

  afterAll(async () => {
    admin?.close();
    if (gateway && gateway.child.exitCode === null) {
      gateway.child.kill('SIGTERM');
      await gateway.exit;
    }
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('says up to date when the registry has nothing newer, after asking it', async () => {
    const answer = await run({});
    expect(answer).toMatchObject({
      ok: true,
      result: { status: 'skipped', mode: 'npm', before: { version: '0.1.0' }, reason: expect.stringContaining('already up to date') },
      restart: null,
    });
    expect(answer.result.steps).toEqual([expect.objectContaining({ name: 'check registry', command: 'npm view gatehouse@latest version --json', exitCode: 0 })]);
    expect(registry.requests).toContain('GET /gatehouse');
    const status = await admin.call('update.status', {});
    expect(referenceErrors('UpdateStatusResult', status)).toEqual([]);
    expect(status).toMatchObject({ sentinel: null, updateAvailable: null, schedule: { install: { kind: 'package' } } });
  });

  it('reports a registry that is down as an error and keeps serving', async () => {
    await registry.stop();
    try {
      const answer = await run({});
      expect(answer).toMatchObject({ ok: false, result: { status: 'error', mode: 'npm', reason: expect.stringContaining('the registry could not be asked') }, restart: null });
      expect(answer.result.steps).toHaveLength(1);
      expect(answer.result.steps[0].exitCode).not.toBe(0);
      expect((await admin.request('health')).ok).toBe(true);
    } finally {
      await registry.start();
    }
  });

  it('reports an install npm refuses, leaves 0.1.0 installed and running, and writes no restart record', async () => {
    const published = registry.requests.length;
    registry.moveTag('gatehouse', 'latest', '0.2.0');
    registry.corruptTarball('gatehouse', '0.2.0');
    try {
      const answer = await run({ restartDelayMs: 0 });
      expect(answer).toMatchObject({ ok: false, result: { status: 'error', mode: 'npm', reason: expect.stringContaining('the gateway keeps running 0.1.0') }, restart: null });
      expect(answer.result.steps.map((step: Frame) => step.name)).toEqual(['check registry', 'npm install']);
      expect(answer.result.steps[1]).toMatchObject({ command: expect.stringMatching(/^npm install -g --prefix ".+" gatehouse@0\.2\.0$/), exitCode: expect.any(Number) });
      expect(answer.result.steps[1].exitCode).not.toBe(0);
      expect(answer.result.steps[1].stderrTail).toMatch(/integrity|EINTEGRITY/i);
      expect(registry.requests.slice(published)).toContain('GET /gatehouse/-/gatehouse-0.2.0.tgz');
      expect(installedVersion()).toBe('0.1.0');
      expect(existsSync(join(stateDir, 'restart-sentinel.json'))).toBe(false);
      expect((await admin.request('health')).ok).toBe(true);
    } finally {
      registry.corruptTarball('gatehouse', '0.2.0', false);
    }
  });

  it('installs 0.2.0, writes the restart record, restarts in place on the same port and reports the update', async () => {
    const status = await admin.call('update.status', { refreshCheckout: true });
    expect(status.updateAvailable).toEqual({ currentVersion: '0.1.0', latestVersion: '0.2.0', channel: 'stable' });
    expect(referenceErrors('UpdateStatusResult', status)).toEqual([]);

    const answer = await run({ note: 'nightly update', sessionKey: 'agent:main:main', restartDelayMs: 0 });
    expect(answer).toMatchObject({
      ok: true,
      result: { status: 'ok', mode: 'npm', before: { version: '0.1.0' }, after: { version: '0.2.0' } },
      restart: { delayMs: 0, mode: 'exec' },
      sentinel: { path: join(stateDir, 'restart-sentinel.json'), payload: { kind: 'update', status: 'ok', message: 'nightly update', sessionKey: 'agent:main:main' } },
    });
    expect(answer.result.steps.map((step: Frame) => [step.name, step.exitCode])).toEqual([
      ['check registry', 0],
      ['npm install', 0],
      ['verify', 0],
    ]);
    expect(answer.result.steps[2].stdoutTail).toBe('0.2.0');
    expect(installedVersion()).toBe('0.2.0');

    // The old process says goodbye, then the same process (exec keeps the pid) listens again.
    await admin.closed;
    const again = await gateway.listening(2);
    expect(again).toBe(url);
    expect(gateway.child.exitCode).toBeNull();
    expect(readFileSync(runLog, 'utf8')).toMatch(new RegExp(`^0\\.2\\.0 ${gateway.child.pid} gateway run .*--port ${new URL(url).port}$`, 'm'));

    const reconnected = await connectClient(url, { token: TEST_TOKEN });
    admin = reconnected.client;
    expect(reconnected.hello.server.version).toBe('0.2.0');
    const after = await admin.call('update.status', {});
    expect(referenceErrors('UpdateStatusResult', after)).toEqual([]);
    expect(after.sentinel).toMatchObject({
      kind: 'update',
      status: 'ok',
      message: 'nightly update',
      stats: { mode: 'npm', before: { version: '0.1.0' }, after: { version: '0.2.0' }, runningVersion: '0.2.0' },
    });
    expect(after.updateAvailable).toBeNull();
    // Read once and removed: an ordinary restart later does not report the update again.
    expect(existsSync(join(stateDir, 'restart-sentinel.json'))).toBe(false);
  });
});
