import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeChildProcessLauncher } from '../../../main/supervisor/child-process-launcher.js';
import { GatewaySupervisor } from '../../../main/supervisor/gateway-supervisor.js';
import { systemClock, type SupervisorClock } from '../../../main/supervisor/supervisor-clock.js';
import { CLI_ENTRY, makeStateDir, removeStateDir, TEST_TOKEN } from '../../helpers/gateway-process.js';
import { cleanBaseEnv, freePort, healthz, ImmediateClock, RecordingLauncher, statusMatching, waitUntilGone } from './supervisor-support.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(clock: SupervisorClock = systemClock, healthIntervalMs = 0) {
  const stateDir = makeStateDir('gatehouse-crash-');
  const port = await freePort();
  const launcher = new RecordingLauncher(new NodeChildProcessLauncher({ cliEntry: CLI_ENTRY, baseEnv: cleanBaseEnv() }));
  const supervisor = new GatewaySupervisor({ port, stateDir, token: TEST_TOKEN, launcher, clock, healthIntervalMs });
  cleanups.push(async () => {
    await supervisor.dispose();
    removeStateDir(stateDir);
  });
  return { supervisor, launcher, port, stateDir };
}

describe('GatewaySupervisor: crashes', () => {
  it('restarts a gateway killed with SIGKILL after a 1 s backoff', async () => {
    const { supervisor, launcher, port } = await setup();
    await supervisor.start();
    const first = supervisor.status.pid!;

    process.kill(first, 'SIGKILL');
    const waiting = await statusMatching(supervisor, (s) => s.state === 'starting', 5_000, 'the restart backoff');
    const killedAt = Date.now();
    const back = await statusMatching(supervisor, (s) => s.state === 'running', 15_000, 'running again');

    expect(waiting.detail).toBe('the gateway stopped (killed by SIGKILL); restarting in 1 s');
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(900);
    expect(back.pid).not.toBe(first);
    expect(launcher.pids).toEqual([first, back.pid]);
    expect((await healthz(port))?.ok).toBe(true);
  });

  it('gives up after 5 fast failures with growing backoff, and retry() starts over', async () => {
    const clock = new ImmediateClock();
    const { supervisor, launcher, stateDir } = await setup(clock);
    const config = join(stateDir, 'gatehouse.json');
    writeFileSync(config, '{ this is not json');

    const first = await supervisor.start();
    const status = await statusMatching(supervisor, (s) => s.state === 'error', 20_000, 'error');

    expect(first).toMatchObject({ outcome: 'failed', message: expect.stringContaining('is not valid JSON5') });
    expect(launcher.launches).toHaveLength(5);
    expect(clock.delays).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(status.detail).toMatch(/^the gateway failed 5 times within 10 s of starting \(exit code 1: config .*gatehouse\.json is invalid: .*not valid JSON5/);

    rmSync(config);
    expect(await supervisor.retry()).toMatchObject({ outcome: 'done', state: 'running' });
    expect(launcher.launches).toHaveLength(6);
  });

  it('a stop during the backoff cancels the pending restart', async () => {
    const clock = new ImmediateClock((delayMs) => delayMs <= 1_000);
    const { supervisor, launcher } = await setup(clock);
    await supervisor.start();
    const pid = supervisor.status.pid!;
    // Let the first backoff (1 s) fire at once, hold the second one (2 s) for real.
    process.kill(pid, 'SIGKILL');
    await statusMatching(supervisor, (s) => s.state === 'running' && s.pid !== pid, 10_000, 'the first restart');
    process.kill(supervisor.status.pid!, 'SIGKILL');
    await statusMatching(supervisor, (s) => s.detail?.includes('restarting in 2 s') === true, 5_000, 'the second backoff');

    expect(await supervisor.stop()).toMatchObject({ outcome: 'done', state: 'stopped' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(supervisor.status.state).toBe('stopped');
    expect(launcher.launches).toHaveLength(2);
    for (const launched of launcher.pids) expect(await waitUntilGone(launched)).toBe(true);
  });

  it('reports a gateway that stops answering as degraded, and running again once it answers', async () => {
    const { supervisor } = await setup(systemClock, 200);
    await supervisor.start();
    const pid = supervisor.status.pid!;

    process.kill(pid, 'SIGSTOP');
    try {
      const degraded = await statusMatching(supervisor, (s) => s.state === 'degraded', 10_000, 'degraded');
      expect(degraded).toMatchObject({ pid, detail: expect.stringContaining('not answering /healthz') });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await statusMatching(supervisor, (s) => s.state === 'running', 10_000, 'running again')).toMatchObject({ pid });
  });
});
