/**
 * Node's own modules compile from the code cache in its binary only until a V8 flag changes
 * (gateway/cli/code-cached-builtins.ts). A start that loads a builtin after the CLI changed its
 * flags pays ~2.5× for it: these tests name any builtin a start compiled without the cache, so a
 * new import can be added to the list that loads them first.
 * Node's record of it is internal (`--expose-internals`); without it the tests say so and skip.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/protocol-client.js';
import { CLI_ENTRY, removeStateDir, startGateway, TEST_TOKEN } from '../helpers/gateway-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-builtins-cache-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * A preload that writes, as JSON, the builtins compiled without the cache so far: at the first
 * socket write that carries a hello-ok (a gateway), or at exit (a CLI call).
 */
function writeProbe(): string {
  const file = join(workDir, 'builtins-probe.cjs');
  writeFileSync(
    file,
    `const { writeFileSync } = require('node:fs');
const { internalBinding } = require('internal/test/binding');
let written = false;
function record() {
  if (written) return;
  written = true;
  const without = [...internalBinding('builtins').getCacheUsage().compiledWithoutCache].filter((id) => id !== 'internal/test/binding');
  writeFileSync(process.env.BUILTINS_PROBE_OUT, JSON.stringify(without));
}
if (process.env.BUILTINS_PROBE_AT === 'hello-ok') {
  const net = require('node:net');
  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function (chunk, ...rest) {
    if ((typeof chunk === 'string' || Buffer.isBuffer(chunk)) && chunk.includes('"hello-ok"')) record();
    return write.call(this, chunk, ...rest);
  };
} else {
  process.on('exit', record);
}
`,
  );
  return file;
}

function probeAvailable(): boolean {
  const run = spawnSync(process.execPath, ['--expose-internals', '-e', "require('internal/test/binding').internalBinding('builtins').getCacheUsage()"], { encoding: 'utf8' });
  return run.status === 0;
}

async function readWhenWritten(file: string): Promise<string[]> {
  for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 20) await sleep(20);
  return JSON.parse(readFileSync(file, 'utf8')) as string[];
}

const available = probeAvailable();
if (!available) console.log('builtins-code-cache: skipped — this Node does not expose its builtin code-cache record (internal/test/binding)');

describe.runIf(available)('builtins a start compiles without their code cache', () => {
  const probe = writeProbe();
  const nodeArgs = ['--expose-internals', `--require=${probe}`];

  it('gateway run, up to the first hello-ok: none', async () => {
    const out = join(workDir, 'run.json');
    const gateway = await startGateway({ nodeArgs, env: { BUILTINS_PROBE_AT: 'hello-ok', BUILTINS_PROBE_OUT: out } });
    try {
      const { client } = await connectClient(gateway.url, { token: gateway.token });
      client.close();
      expect(await readWhenWritten(out)).toEqual([]);
    } finally {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    }
  });

  it('gateway call health: none', async () => {
    const gateway = await startGateway();
    const out = join(workDir, 'call.json');
    try {
      const call = spawn(process.execPath, [...nodeArgs, CLI_ENTRY, 'gateway', 'call', 'health', '--url', gateway.url, '--token', TEST_TOKEN], {
        env: { ...process.env, BUILTINS_PROBE_AT: 'exit', BUILTINS_PROBE_OUT: out },
        stdio: 'ignore',
      });
      expect(await new Promise((resolve) => call.once('exit', resolve))).toBe(0);
      expect(await readWhenWritten(out)).toEqual([]);
    } finally {
      await gateway.stop();
      removeStateDir(gateway.stateDir);
    }
  });
});
