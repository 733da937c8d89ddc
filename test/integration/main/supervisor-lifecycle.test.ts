import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ExternalCommandLauncher, NodeChildProcessLauncher } from '../../../main/supervisor/child-process-launcher.js';
import { GatewayOutputLog } from '../../../main/supervisor/gateway-output-log.js';
import { GatewaySupervisor } from '../../../main/supervisor/gateway-supervisor.js';
import type { SupervisorStatus } from '../../../main/supervisor/supervisor-status.js';
import { CLI_ENTRY, makeStateDir, removeStateDir, TEST_TOKEN } from '../../helpers/gateway-process.js';
import { cleanBaseEnv, freePort, healthz, processAlive, RecordingLauncher, statusMatching, waitUntilGone } from './supervisor-support.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function supervisorFor(options: { launcher?: RecordingLauncher; log?: GatewayOutputLog } = {}) {
  const stateDir = makeStateDir('gatehouse-supervisor-');
  const port = await freePort();
  const launcher = options.launcher ?? new RecordingLauncher(new NodeChildProcessLauncher({ cliEntry: CLI_ENTRY, baseEnv: cleanBaseEnv() }));
  const supervisor = new GatewaySupervisor({ port, stateDir, token: TEST_TOKEN, launcher, log: options.log, healthIntervalMs: 0 });
  const statuses: SupervisorStatus[] = [];
  supervisor.subscribe((status) => statuses.push(status));
  cleanups.push(async () => {
    await supervisor.dispose();
    removeStateDir(stateDir);
  });
  return { supervisor, launcher, port, stateDir, statuses };
}

describe('GatewaySupervisor: launching and stopping its own gateway', () => {
  it('launches a gateway, reports it running with pid and url, and stops it', async () => {
    const { supervisor, launcher, port, statuses } = await supervisorFor();

    const result = await supervisor.start();

    expect(result).toMatchObject({ intent: 'start', outcome: 'done', state: 'running' });
    const pid = launcher.pids[0]!;
    expect(supervisor.status).toMatchObject({ state: 'running', pid, url: `ws://127.0.0.1:${port}` });
    expect(statuses.map((status) => status.state)).toEqual(['starting', 'starting', 'running']);
    expect((await healthz(port))?.ok).toBe(true);

    expect(await supervisor.stop()).toMatchObject({ outcome: 'done', state: 'stopped' });
    expect(await waitUntilGone(pid)).toBe(true);
    expect(await healthz(port)).toBeUndefined();
  });

  it('hands port, state dir and token over by environment, never on the command line', async () => {
    const { supervisor, launcher, port, stateDir } = await supervisorFor();
    await supervisor.start();

    expect(launcher.launches[0]!.env).toEqual({
      MALLOC_MMAP_THRESHOLD_: '131072',
      GATEHOUSE_GATEWAY_PORT: String(port),
      GATEHOUSE_STATE_DIR: stateDir,
      GATEHOUSE_GATEWAY_TOKEN: TEST_TOKEN,
    });
    const cmdline = `/proc/${launcher.pids[0]}/cmdline`;
    const argv = readFileSync(cmdline, 'utf8').split('\0');
    expect(argv.slice(1, 4)).toEqual([CLI_ENTRY, 'gateway', 'run']);
    expect(argv.join(' ')).not.toContain(TEST_TOKEN);
    expect(argv.join(' ')).not.toContain(String(port));
  });

  it('keeps the recent output lines in a ring and in a rotating log file', async () => {
    const stateDir = makeStateDir('gatehouse-logs-');
    cleanups.push(() => removeStateDir(stateDir));
    const file = join(stateDir, 'logs', 'gateway-output.log');
    const { supervisor, port } = await supervisorFor({ log: new GatewayOutputLog({ ringSize: 4, file }) });
    await supervisor.start();

    const lines = supervisor.log.lines();
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.text).join('\n')).toContain(`listening on ws://127.0.0.1:${port}`);
    expect(lines.at(-1)).toMatchObject({ stream: 'supervisor', text: expect.stringContaining('gateway ready') });
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).toContain(`gatehouse gateway listening on ws://127.0.0.1:${port}`);
    expect(onDisk).toContain('supervisor launching');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('runs an external gateway command with OPENCLAW_SUPERVISOR_MODE=external, same protocol', async () => {
    const script = join(makeStateDir('gatehouse-external-'), 'external-gateway.mjs');
    cleanups.push(() => removeStateDir(join(script, '..')));
    // Stands in for `openclaw gateway run`: reports what it was given, then runs our gateway.
    writeFileSync(
      script,
      [
        `console.error('external mode=' + process.env.OPENCLAW_SUPERVISOR_MODE + ' port twin=' + process.env.OPENCLAW_GATEWAY_PORT);`,
        `process.argv = [process.argv[0], ${JSON.stringify(CLI_ENTRY)}, 'gateway', 'run'];`,
        `await import(${JSON.stringify(CLI_ENTRY)});`,
      ].join('\n'),
    );
    const launcher = new RecordingLauncher(new ExternalCommandLauncher({ command: process.execPath, args: [script], baseEnv: cleanBaseEnv() }));
    const { supervisor, port } = await supervisorFor({ launcher });

    expect(await supervisor.start()).toMatchObject({ outcome: 'done', state: 'running' });
    expect(supervisor.log.lines().map((line) => line.text)).toContain(`external mode=external port twin=${port}`);
    expect(await supervisor.stop()).toMatchObject({ outcome: 'done', state: 'stopped' });
    expect(await waitUntilGone(launcher.pids[0]!)).toBe(true);
  });
});

describe('GatewaySupervisor: one intent queue, latest intent wins', () => {
  it('drops a start that a stop replaced before it ran: ends stopped, nothing launched', async () => {
    const { supervisor, launcher } = await supervisorFor();

    const [start, stop] = await Promise.all([supervisor.start(), supervisor.stop()]);

    expect(start).toMatchObject({ intent: 'start', outcome: 'superseded' });
    expect(stop).toMatchObject({ intent: 'stop', outcome: 'done', state: 'stopped' });
    expect(launcher.launches).toHaveLength(0);
  });

  it('drops a slow start that a stop replaced mid-way: the launched process is gone and the state stays stopped', async () => {
    const { supervisor, launcher, statuses } = await supervisorFor();

    const start = supervisor.start();
    await statusMatching(supervisor, (status) => status.state === 'starting' && status.pid !== undefined, 10_000, 'a launched pid');
    const stop = await supervisor.stop();

    expect(await start).toMatchObject({ outcome: 'superseded' });
    expect(stop).toMatchObject({ outcome: 'done', state: 'stopped' });
    const pid = launcher.pids[0]!;
    expect(processAlive(pid)).toBe(false);
    // Whatever the stale start would have learned later must not flip the state.
    await sleep(1_500);
    expect(supervisor.status.state).toBe('stopped');
    expect(statuses.some((status) => status.state === 'running')).toBe(false);
  });

  it('lets a second start reuse the gateway the first one is still bringing up', async () => {
    const { supervisor, launcher } = await supervisorFor();

    const first = supervisor.start();
    await statusMatching(supervisor, (status) => status.pid !== undefined, 10_000, 'a launched pid');
    const second = await supervisor.start();

    expect(await first).toMatchObject({ outcome: 'superseded' });
    expect(second).toMatchObject({ outcome: 'done', state: 'running' });
    expect(launcher.launches).toHaveLength(1);
  });

  it('restarts its own gateway as a new process', async () => {
    const { supervisor, launcher, port } = await supervisorFor();
    await supervisor.start();
    const before = await healthz(port);

    expect(await supervisor.restart()).toMatchObject({ outcome: 'done', state: 'running' });

    expect(launcher.pids).toHaveLength(2);
    expect(processAlive(launcher.pids[0]!)).toBe(false);
    expect(supervisor.status.pid).toBe(launcher.pids[1]);
    expect((await healthz(port))?.bootId).not.toBe(before?.bootId);
  });
});
