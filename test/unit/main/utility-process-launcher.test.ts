import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayOutputLog } from '../../../main/supervisor/gateway-output-log.js';
import { OwnedGatewayProcess } from '../../../main/supervisor/owned-gateway-process.js';
import { UtilityProcessLauncher, type UtilityFork, type UtilityProcessPort } from '../../../main/supervisor/utility-process-launcher.js';

/** Electron's UtilityProcess as far as the launcher sees it: pid only after `spawn`, kill() without a signal. */
class FakeUtilityProcess extends EventEmitter implements UtilityProcessPort {
  pid: number | undefined = undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  kills = 0;
  kill(): boolean {
    this.kills += 1;
    return true;
  }
  spawned(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
  }
}

function setUp() {
  const forks: { modulePath: string; args: string[]; options: Parameters<UtilityFork>[2]; child: FakeUtilityProcess }[] = [];
  const signals: [number, NodeJS.Signals][] = [];
  const fork: UtilityFork = (modulePath, args, options) => {
    const child = new FakeUtilityProcess();
    forks.push({ modulePath, args, options, child });
    return child;
  };
  const launcher = new UtilityProcessLauncher({
    cliEntry: '/app/resources/app.asar.unpacked/dist/bundle/gatehouse.js',
    fork,
    baseEnv: { PATH: '/usr/bin', UNSET: undefined },
    drainTimeoutMs: 50,
    signal: (pid, signal) => signals.push([pid, signal]),
  });
  return { launcher, forks, signals };
}

describe('UtilityProcessLauncher', () => {
  it('forks the gateway CLI with `gateway run`, the env on top of the base env, and piped output', () => {
    const { launcher, forks } = setUp();

    launcher.launch({ env: { GATEHOUSE_GATEWAY_PORT: '18789', GATEHOUSE_GATEWAY_TOKEN: 'secret-token-123' } });

    expect(forks[0]).toMatchObject({
      modulePath: '/app/resources/app.asar.unpacked/dist/bundle/gatehouse.js',
      args: ['gateway', 'run'],
      options: { stdio: 'pipe', serviceName: 'Gatehouse gateway', env: { PATH: '/usr/bin', GATEHOUSE_GATEWAY_PORT: '18789', GATEHOUSE_GATEWAY_TOKEN: 'secret-token-123' } },
    });
    expect(Object.keys(forks[0]!.options.env)).not.toContain('UNSET');
    expect(launcher.description).not.toContain('secret');
  });

  it('reports the pid once the process spawned, output lines, and the exit after the last line', async () => {
    const { launcher, forks } = setUp();
    const log = new GatewayOutputLog();
    const owned = OwnedGatewayProcess.launch(launcher, {}, log, Date.now);
    const child = forks[0]!.child;
    expect(owned.pid).toBeUndefined();

    child.spawned(4321);
    child.stdout.write('gatehouse gateway listening on ws://127.0.0.1:18789 (pid 4321)\n');
    expect(await owned.listening).toBe('ws://127.0.0.1:18789');
    child.stderr.write('another gateway owns this port');
    child.emit('exit', 78);
    child.stdout.end();
    child.stderr.end();
    const exit = await owned.exited;

    expect(owned.pid).toBe(4321);
    expect(exit).toMatchObject({ code: 78, signal: null });
    expect(log.lastLines('stderr', 1)).toEqual(['another gateway owns this port']);
  });

  it('does not wait forever for a stream that never ends', async () => {
    const { launcher, forks } = setUp();
    const launched = launcher.launch({ env: {} });
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((done) => launched.onExit((code, signal) => done([code, signal])));

    forks[0]!.child.emit('exit', 1);

    expect(await exited).toEqual([1, null]);
  });

  it('terminates with kill() and escalates to SIGKILL through the pid', () => {
    const { launcher, forks, signals } = setUp();
    const launched = launcher.launch({ env: {} });
    const child = forks[0]!.child;
    child.spawned(99);

    launched.kill('SIGTERM');
    launched.kill('SIGKILL');

    expect(child.kills).toBe(1);
    expect(signals).toEqual([[99, 'SIGKILL']]);
  });

  it('reports a fork that throws as a launch that could not start', async () => {
    const launcher = new UtilityProcessLauncher({
      cliEntry: '/missing.js',
      fork: () => {
        throw new Error('ENOENT');
      },
    });
    const launched = launcher.launch({ env: {} });
    const lines: string[] = [];
    launched.onLine((_stream, line) => lines.push(line));

    const exit = await new Promise<[number | null, NodeJS.Signals | null]>((done) => launched.onExit((code, signal) => done([code, signal])));

    expect(exit).toEqual([null, null]);
    expect(lines.join('\n')).toContain('could not start the gateway utility process: ENOENT');
  });
});
