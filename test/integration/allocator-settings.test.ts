import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/protocol-client.js';
import { removeStateDir, startGateway } from '../helpers/gateway-process.js';

// glibc reads MALLOC_MMAP_THRESHOLD_ once, at process start; `gateway run` started without it
// replaces itself (same pid) with the same command that has it, and still serves.
describe.runIf(process.platform === 'linux')('allocator settings of a gateway started by hand', () => {
  it('runs with a fixed mmap threshold under the pid it was started with', async () => {
    const gateway = await startGateway({ env: { MALLOC_MMAP_THRESHOLD_: undefined } });
    const environ = readFileSync(`/proc/${gateway.child.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    expect((await client.call('health')).ok).toBe(true);
    client.close();
    expect(await gateway.stop()).toBe(0);
    removeStateDir(gateway.stateDir);
  });

  it('keeps a threshold the launcher chose', async () => {
    const gateway = await startGateway({ env: { MALLOC_MMAP_THRESHOLD_: '65536' } });
    const environ = readFileSync(`/proc/${gateway.child.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain('MALLOC_MMAP_THRESHOLD_=65536');
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
});
