import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stateDirOwner } from '../../../main/supervisor/adopted-gateway.js';
import { AppHostLauncher, GATEWAY_HOST_FLAG } from '../../../main/supervisor/app-host-launcher.js';
import type { GatewayLauncher, LaunchedGateway } from '../../../main/supervisor/gateway-launcher.js';
import { QuitAwareLauncher, type QuitBehavior } from '../../../main/supervisor/quit-aware-launcher.js';

function namedLauncher(description: string, launched: string[]): GatewayLauncher {
  return {
    description,
    launch: () => {
      launched.push(description);
      return { pid: 1, onExit: () => undefined, onLine: () => undefined, kill: () => undefined } satisfies LaunchedGateway;
    },
  };
}

describe('QuitAwareLauncher', () => {
  it('launches where the gateway can outlive the app unless the person always stops it on quit', () => {
    const launched: string[] = [];
    let behavior: QuitBehavior = 'ask';
    const launcher = new QuitAwareLauncher({
      quitBehavior: () => behavior,
      endsWithApp: namedLauncher('utility process', launched),
      canOutliveApp: namedLauncher('app host', launched),
    });
    launcher.launch({ env: {} });
    behavior = 'stop-gateway';
    expect(launcher.description).toBe('utility process');
    launcher.launch({ env: {} });
    behavior = 'leave-running';
    launcher.launch({ env: {} });
    expect(launched).toEqual(['app host', 'utility process', 'app host']);
  });
});

describe('AppHostLauncher', () => {
  it('runs the app itself with the host flag, after the app folder when unpackaged, and never as plain Node', async () => {
    // Stands in for `electron <app folder> --gatehouse-gateway-host`: prints what it was given.
    const app = join(mkdtempSync(join(tmpdir(), 'gatehouse-host-')), 'app.mjs');
    writeFileSync(app, 'console.log(process.argv.slice(2).join(" ") + " " + (process.env.ELECTRON_RUN_AS_NODE ?? "unset"));\n');
    const launcher = new AppHostLauncher({ executable: process.execPath, leadingArgs: [app], baseEnv: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    expect(launcher.description).toContain(GATEWAY_HOST_FLAG);
    const launched = launcher.launch({ env: { GATEHOUSE_GATEWAY_PORT: '1' } });
    const lines: string[] = [];
    launched.onLine((_stream, line) => lines.push(line));
    await new Promise<void>((resolve) => launched.onExit(() => resolve()));
    expect(lines).toEqual([`${GATEWAY_HOST_FLAG} unset`]);
    expect(launched.detach).toBeTypeOf('function');
    rmSync(dirname(app), { recursive: true, force: true });
  });
});

describe('stateDirOwner', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const stateDirWith = (lock: string | undefined): string => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-owner-'));
    dirs.push(dir);
    if (lock !== undefined) writeFileSync(join(dir, 'gateway.lock'), lock);
    return dir;
  };
  const living = (pids: number[]) => (pid: number) => {
    if (!pids.includes(pid)) throw Object.assign(new Error('no such process'), { code: 'ESRCH' });
  };

  it('names the live gateway holding the state dir on our port', () => {
    const dir = stateDirWith(JSON.stringify({ pid: 4242, port: 18789, host: '127.0.0.1', startedAtMs: 1_700_000_000_000 }));
    expect(stateDirOwner(dir, 18789, living([4242]))).toEqual({ pid: 4242, port: 18789, startedAtMs: 1_700_000_000_000 });
  });

  it('finds no owner without a lock, with a broken one, on another port, or when its process is gone', () => {
    expect(stateDirOwner(stateDirWith(undefined), 18789, living([4242]))).toBeUndefined();
    expect(stateDirOwner(stateDirWith('{"pid": "4242"'), 18789, living([4242]))).toBeUndefined();
    expect(stateDirOwner(stateDirWith(JSON.stringify({ pid: 4242, port: 18790 })), 18789, living([4242]))).toBeUndefined();
    expect(stateDirOwner(stateDirWith(JSON.stringify({ pid: 4242, port: 18789 })), 18789, living([]))).toBeUndefined();
    expect(stateDirOwner(stateDirWith(JSON.stringify({ pid: -1, port: 18789 })), 18789, living([-1]))).toBeUndefined();
  });
});
