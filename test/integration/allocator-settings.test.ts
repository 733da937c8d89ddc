import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOCATOR_ENV } from '../../shared/gateway-host/launch-env.js';
import { connectClient } from '../helpers/protocol-client.js';
import { removeStateDir, startGateway } from '../helpers/gateway-process.js';

const BIN = resolve(import.meta.dirname, '../../bin/gatehouse.js');

function environOf(pid: number | undefined): string[] {
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
}

// glibc reads MALLOC_MMAP_THRESHOLD_ once, at process start; `gateway run` started without it
// replaces itself (same pid) with the same command that has it, and still serves. Both entries
// do it: bin/gatehouse.js before the bundle loads, the bundle's own entry for launches that skip bin/.
describe.runIf(process.platform === 'linux')('allocator settings of a gateway started by hand', () => {
  for (const [name, entry] of [['the bundle entry', undefined], ['bin/gatehouse.js', BIN]] as const) {
    it(`runs with a fixed mmap threshold under the pid it was started with (${name})`, async () => {
      const gateway = await startGateway({ entry, env: { MALLOC_MMAP_THRESHOLD_: undefined } });
      expect(environOf(gateway.child.pid)).toContain('MALLOC_MMAP_THRESHOLD_=131072');
      const { client } = await connectClient(gateway.url, { token: gateway.token });
      expect((await client.call('health')).ok).toBe(true);
      client.close();
      expect(await gateway.stop()).toBe(0);
      removeStateDir(gateway.stateDir);
    });

    it(`keeps a threshold the launcher chose (${name})`, async () => {
      const gateway = await startGateway({ entry, env: { MALLOC_MMAP_THRESHOLD_: '65536' } });
      expect(environOf(gateway.child.pid)).toContain('MALLOC_MMAP_THRESHOLD_=65536');
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    });
  }

  it('bin/gatehouse.js restarts before it loads the bundle', async () => {
    // A preload that notes who called execve: the work done before it is thrown away.
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-execve-caller-'));
    const preload = join(dir, 'note-execve.cjs');
    const noted = join(dir, 'caller.txt');
    writeFileSync(
      preload,
      `const execve = process.execve; process.execve = function (...args) { require('node:fs').writeFileSync(${JSON.stringify(noted)}, new Error().stack); return execve.apply(this, args); };\n`,
    );
    try {
      const gateway = await startGateway({ entry: BIN, env: { MALLOC_MMAP_THRESHOLD_: undefined, NODE_OPTIONS: `--require=${preload}` } });
      await gateway.stop();
      removeStateDir(gateway.stateDir);
      const caller = readFileSync(noted, 'utf8');
      expect(caller).toContain('bin/gatehouse.js');
      expect(caller).not.toContain('dist/bundle');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bin/gatehouse.js sets the same variables as shared/gateway-host/launch-env.ts', () => {
    const literal = /const ALLOCATOR_ENV = (\{[^}]*\});/.exec(readFileSync(BIN, 'utf8'))?.[1];
    expect(literal).toBeDefined();
    expect(JSON.parse((literal ?? '').replace(/(\w+):/g, '"$1":').replace(/'/g, '"'))).toEqual(ALLOCATOR_ENV);
  });
});
