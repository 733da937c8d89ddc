import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepOutcome, StepSpec } from '../../gateway/features/update/run-step.js';
import { UpdateService } from '../../gateway/features/update/update-service.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

// update.run would replace the gateway's code: only operator.admin may even ask, and nothing a
// client sends (a target ref, a delay) makes it run a command or restart.

describe('update attacks', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;

  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('a write device may neither run nor read updates', async () => {
    const device = createTestDevice();
    const scopes = ['operator.read', 'operator.write'];
    const first = await connectClient(gateway.url, { token: gateway.token, device, scopes });
    first.client.close();
    const writer = (await connectClient(gateway.url, { device, deviceToken: first.hello.auth.deviceToken as string, scopes })).client;
    for (const method of ['update.run', 'update.status']) {
      expect((await writer.request(method, {})).error, method).toMatchObject({ details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' } });
    }
    writer.close();
  });

  it.each([
    [{ restartDelayMs: -1 }],
    [{ restartDelayMs: 10_000_000 }],
    [{ timeoutMs: 0 }],
    [{ note: 'n'.repeat(2_001) }],
    [{ command: 'rm -rf /' }],
    [{ version: '9.9.9' }],
    [{ registry: 'http://evil.test/' }],
    [{ tag: 'next' }],
    [{ packageName: 'evil-package' }],
    [{ prefix: '/' }],
    [{ args: ['--ignore-scripts=false'] }],
    [{ env: { npm_config_registry: 'http://evil.test/' } }],
    [{ timeoutMs: '1000' }],
    [{ sessionKey: 42 }],
    [{ note: { toString: 'x' } }],
  ])('update.run refuses %j', async (params) => {
    expect((await admin.request('update.run', params)).error?.code).toBe('INVALID_REQUEST');
  });

  it.each([[{ refreshCheckout: 'yes' }], [{ registry: 'http://evil.test/' }], [{ version: '9.9.9' }]])('update.status refuses %j', async (params) => {
    expect((await admin.request('update.status', params)).error?.code).toBe('INVALID_REQUEST');
  });

  it('a protocol-4 target ref is accepted and ignored: nothing runs, nothing restarts, twice', async () => {
    const target = { kind: 'git', upstreamRef: 'refs/heads/evil;touch /tmp/x', upstreamSha: 'a'.repeat(40) };
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await admin.call('update.run', { target, restartDelayMs: 0 });
      expect(result).toMatchObject({ ok: true, result: { status: 'skipped', steps: [] }, restart: null });
    }
    expect(admin.events('shutdown')).toEqual([]);
    expect((await admin.request('health')).ok).toBe(true);
  });
});

// An npm install of the gateway, with npm replaced by a recorder: what a client sends (a note, a
// session key, a delay) never becomes part of a command, and neither does a registry answer that
// is not a plain version (a hostile or broken registry).
describe('update attacks on an npm install', () => {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-update-attacks-'));
  const packageRoot = join(root, 'prefix', 'lib', 'node_modules', 'gatehouse');
  const stateDir = join(root, 'state');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(packageRoot, 'bin'), { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(join(packageRoot, 'package.json'), JSON.stringify({ name: 'gatehouse', version: '0.1.0', bin: { gatehouse: 'bin/gatehouse.js' } }));
  writeFileSync(join(packageRoot, 'bin', 'gatehouse.js'), '');

  function service(registryAnswer: string) {
    const specs: StepSpec[] = [];
    const runStep = (spec: StepSpec): Promise<StepOutcome> => {
      specs.push(spec);
      const stdout = spec.name === 'check registry' ? registryAnswer : spec.name === 'verify' ? '0.2.0' : '';
      return Promise.resolve({ ok: true, stdout, step: { name: spec.name, command: spec.display, durationMs: 0, exitCode: 0 } });
    };
    const replaced: string[] = [];
    const updates = new UpdateService({
      kind: { mode: 'npm', root: packageRoot },
      currentVersion: '0.1.0',
      stateDir,
      env: {},
      logger: pino({ level: 'silent' }),
      now: () => 0,
      notifySession: () => undefined,
      runStep,
      nodePath: join(root, 'no-node-here', 'node'),
      replacement: () => ({ mode: 'exec', replace: (entry) => Promise.resolve(void replaced.push(entry)) }),
    });
    return { updates, specs, replaced };
  }

  it('a hostile note and session key stay data: the install is `gatehouse@<registry version>` and nothing else', async () => {
    const { updates, specs } = service('"0.2.0"');
    const note = '$(touch /tmp/pwned); --registry=http://evil.test/';
    const result = await updates.run({ note, sessionKey: '`id` --prefix /', restartDelayMs: 600_000 });
    expect(result).toMatchObject({ ok: true, result: { status: 'ok' }, restart: { mode: 'exec', delayMs: 600_000 } });
    const install = specs.find((spec) => spec.name === 'npm install');
    expect(install?.args.slice(-1)).toEqual(['gatehouse@0.2.0']);
    for (const spec of specs) {
      expect(spec.args.join(' ')).not.toContain('evil.test');
      expect(spec.args.join(' ')).not.toContain('pwned');
      expect(spec.args.join(' ')).not.toContain('`id`');
    }
    // A second run while the first restarts into 0.2.0 is refused, not a second install.
    await expect(updates.run({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    updates.stop();
  });

  it.each(['"--registry=http://evil.test/"', '"0.2.0 --ignore-scripts=false"', '"latest"', '"../../../evil"', '{"version":"9.9.9"}'])('a registry answering %s installs nothing', async (answer) => {
    const { updates, specs, replaced } = service(answer);
    const result = await updates.run({});
    expect(result).toMatchObject({ ok: false, result: { status: 'error' }, restart: null });
    expect(specs.map((spec) => spec.name)).toEqual(['check registry']);
    expect(replaced).toEqual([]);
  });
});
