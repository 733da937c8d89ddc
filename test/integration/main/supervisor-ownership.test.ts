import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeChildProcessLauncher } from '../../../main/supervisor/child-process-launcher.js';
import { GatewaySupervisor } from '../../../main/supervisor/gateway-supervisor.js';
import { HttpGatewayProbe, type GatewayProbe } from '../../../main/supervisor/gateway-probe.js';
import { CLI_ENTRY, makeStateDir, removeStateDir, startGateway, TEST_TOKEN, type GatewayProcess } from '../../helpers/gateway-process.js';
import { cleanBaseEnv, freePort, healthz, ImmediateClock, processAlive, RecordingLauncher, statusMatching } from './supervisor-support.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(gateway: GatewayProcess): GatewayProcess {
  cleanups.push(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
  return gateway;
}

function supervise(port: number, stateDir: string, launcher: RecordingLauncher, clock = new ImmediateClock()) {
  const supervisor = new GatewaySupervisor({ port, stateDir, token: TEST_TOKEN, launcher, clock, healthIntervalMs: 0 });
  cleanups.push(() => supervisor.dispose());
  return { supervisor, clock };
}

const ourLauncher = () => new RecordingLauncher(new NodeChildProcessLauncher({ cliEntry: CLI_ENTRY, baseEnv: cleanBaseEnv() }));

describe('GatewaySupervisor: a gateway someone else started', () => {
  it('attaches to a healthy gateway on the port and never stops or kills it', async () => {
    const port = await freePort();
    const theirs = track(await startGateway({ port }));
    const launcher = ourLauncher();
    const stateDir = makeStateDir();
    cleanups.push(() => removeStateDir(stateDir));
    const { supervisor } = supervise(port, stateDir, launcher);

    expect(await supervisor.start()).toMatchObject({ outcome: 'done', state: 'attached' });
    expect(supervisor.status.pid).toBeUndefined();
    expect(supervisor.status.detail).toContain('started outside Gatehouse');
    expect(launcher.launches).toHaveLength(0);

    const stop = await supervisor.stop();
    const restart = await supervisor.restart();
    expect(stop).toMatchObject({ outcome: 'refused', state: 'attached', message: expect.stringContaining('will not stop it') });
    expect(restart).toMatchObject({ outcome: 'refused', state: 'attached', message: expect.stringContaining('will not restart it') });

    await supervisor.dispose();
    expect(processAlive(theirs.child.pid!)).toBe(true);
    expect((await healthz(port))?.ok).toBe(true);
  });

  it('notices when the attached gateway goes away, without ever having touched it', async () => {
    const port = await freePort();
    const theirs = await startGateway({ port });
    cleanups.push(() => removeStateDir(theirs.stateDir));
    const stateDir = makeStateDir();
    cleanups.push(() => removeStateDir(stateDir));
    const launcher = ourLauncher();
    const supervisor = new GatewaySupervisor({ port, stateDir, token: TEST_TOKEN, launcher, healthIntervalMs: 200 });
    cleanups.push(() => supervisor.dispose());
    await supervisor.start();

    await theirs.stop();
    const status = await statusMatching(supervisor, (s) => s.state === 'stopped', 10_000, 'stopped');

    expect(status.detail).toBe('the gateway started outside Gatehouse is gone');
    expect(launcher.launches).toHaveLength(0);
  });

  it('still attaches when the gateway does not take our token, and says so', async () => {
    const port = await freePort();
    track(await startGateway({ port, token: 'a-different-token-that-we-do-not-know' }));
    const stateDir = makeStateDir();
    cleanups.push(() => removeStateDir(stateDir));
    const { supervisor } = supervise(port, stateDir, ourLauncher());

    expect(await supervisor.start()).toMatchObject({ state: 'attached' });
    expect(supervisor.status.detail).toContain('AUTH_TOKEN_MISMATCH');
  });
});

describe('GatewaySupervisor: exit code 78 (another gateway owns the port or state dir)', () => {
  it('does not restart, and shows the gateway’s own message', async () => {
    const blocker = track(await startGateway({ port: await freePort() }));
    const port = await freePort();
    const launcher = ourLauncher();
    // Same state dir as the blocker, different port: our child finds the state dir locked.
    const { supervisor, clock } = supervise(port, blocker.stateDir, launcher);

    const result = await supervisor.start();

    expect(result).toMatchObject({ outcome: 'failed', state: 'error' });
    expect(supervisor.status.detail).toMatch(/^exit code 78: another gateway \(pid \d+ on 127\.0\.0\.1:\d+\) owns the state dir/);
    expect(supervisor.status.detail).toContain(String(blocker.child.pid));
    await sleep(1_500);
    expect(launcher.launches).toHaveLength(1);
    expect(clock.delays).toEqual([]);
    expect(supervisor.status.state).toBe('error');
    expect(processAlive(blocker.child.pid!)).toBe(true);
  });

  it('attaches when a healthy gateway took the port between our probe and our launch', async () => {
    const port = await freePort();
    const stateDir = makeStateDir();
    cleanups.push(() => removeStateDir(stateDir));
    let theirs: GatewayProcess | undefined;
    // Our probe finds the port free; someone else's gateway starts listening right after it.
    const inner = new HttpGatewayProbe();
    const racingProbe: GatewayProbe = {
      healthz: (url) => inner.healthz(url),
      check: async (urls) => {
        const result = await inner.check(urls);
        theirs ??= track(await startGateway({ port }));
        return result;
      },
    };
    const launcher = ourLauncher();
    const supervisor = new GatewaySupervisor({ port, stateDir, token: TEST_TOKEN, launcher, probe: racingProbe, clock: new ImmediateClock(), healthIntervalMs: 0 });
    cleanups.push(() => supervisor.dispose());

    const result = await supervisor.start();
    const status = await statusMatching(supervisor, (s) => s.state === 'attached' || s.state === 'error', 10_000);

    expect(result).toMatchObject({ outcome: 'failed', message: expect.stringContaining('exit code 78') });
    expect(status.state).toBe('attached');
    expect(status.detail).toMatch(/another gateway owns this port \(exit code 78: another Gatehouse gateway \(version [^)]+\) is already listening on 127\.0\.0\.1:\d+\)/);
    expect(launcher.launches).toHaveLength(1);
    expect(processAlive(theirs!.child.pid!)).toBe(true);
    expect(await supervisor.stop()).toMatchObject({ outcome: 'refused' });
  });
});
