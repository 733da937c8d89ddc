import { afterEach, describe, expect, it } from 'vitest';
import { NodeChildProcessLauncher } from '../../../main/supervisor/child-process-launcher.js';
import { GatewaySupervisor } from '../../../main/supervisor/gateway-supervisor.js';
import { CLI_ENTRY, makeStateDir, removeStateDir, TEST_TOKEN } from '../../helpers/gateway-process.js';
import { cleanBaseEnv, freePort, healthz, ImmediateClock, processAlive, RecordingLauncher, statusMatching, waitUntilGone } from './supervisor-support.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Kills a gateway left running by a test, whatever the test got to. */
function reap(pid: number | undefined): void {
  if (pid === undefined) return;
  cleanups.push(async () => {
    if (!processAlive(pid)) return;
    process.kill(pid, 'SIGTERM');
    if (!(await waitUntilGone(pid))) process.kill(pid, 'SIGKILL');
  });
}

function setUp(options: { detached: boolean }) {
  const stateDir = makeStateDir();
  cleanups.push(() => removeStateDir(stateDir));
  const launcher = () => new RecordingLauncher(new NodeChildProcessLauncher({ cliEntry: CLI_ENTRY, baseEnv: cleanBaseEnv(), detached: options.detached }));
  const supervise = (port: number, which = launcher()) => {
    const supervisor = new GatewaySupervisor({ port, stateDir, token: TEST_TOKEN, launcher: which, clock: new ImmediateClock(), healthIntervalMs: 0 });
    cleanups.push(() => supervisor.dispose());
    return { supervisor, launcher: which };
  };
  return { stateDir, supervise };
}

describe('GatewaySupervisor: leaving the gateway running when the app quits', () => {
  it('lets a gateway that can outlive the app run on, and takes it over on the next start', async () => {
    const port = await freePort();
    const { supervise } = setUp({ detached: true });
    const first = supervise(port);
    expect(await first.supervisor.start()).toMatchObject({ outcome: 'done', state: 'running' });
    const pid = first.supervisor.status.pid!;
    reap(pid);
    expect(first.supervisor.canLeaveRunning).toBe(true);

    await first.supervisor.dispose({ leaveRunning: true });
    expect(first.supervisor.status).toMatchObject({ state: 'stopped', detail: 'left running when the app quit' });
    expect(processAlive(pid)).toBe(true);
    expect((await healthz(port))?.ok).toBe(true);

    // The next run of the app: the gateway on the port holds our state dir, so it is ours again.
    const second = supervise(port);
    expect(await second.supervisor.start()).toMatchObject({ outcome: 'done', state: 'running' });
    expect(second.supervisor.status.pid).toBe(pid);
    expect(second.launcher.launches).toHaveLength(0);
    expect(second.supervisor.log.lastLines('supervisor', 5).join('\n')).toContain(`took over the gateway an earlier run of the app left running (pid ${pid})`);

    expect(await second.supervisor.stop()).toMatchObject({ outcome: 'done', state: 'stopped' });
    expect(await waitUntilGone(pid)).toBe(true);
    expect(await healthz(port)).toBeUndefined();
  });

  it('restarts a taken-over gateway that dies, like any crash', async () => {
    const port = await freePort();
    const { supervise } = setUp({ detached: true });
    const first = supervise(port);
    await first.supervisor.start();
    const pid = first.supervisor.status.pid!;
    reap(pid);
    await first.supervisor.dispose({ leaveRunning: true });

    const second = supervise(port);
    await second.supervisor.start();
    process.kill(pid, 'SIGKILL');
    const restarted = await statusMatching(second.supervisor, (status) => status.state === 'running' && status.pid !== pid, 15_000, 'a new gateway');
    reap(restarted.pid);
    expect(second.launcher.launches).toHaveLength(1);
    expect(second.supervisor.log.lastLines('supervisor', 10).join('\n')).toContain('exit status unknown');
  });

  it('stops, rather than abandons, a gateway that cannot outlive the app', async () => {
    const port = await freePort();
    const { supervise } = setUp({ detached: false });
    const { supervisor } = supervise(port);
    await supervisor.start();
    const pid = supervisor.status.pid!;
    reap(pid);
    expect(supervisor.canLeaveRunning).toBe(false);

    await supervisor.dispose({ leaveRunning: true });
    expect(await waitUntilGone(pid)).toBe(true);
    expect(supervisor.log.lastLines('supervisor', 5).join('\n')).toContain('cannot outlive the app');
  });
});
