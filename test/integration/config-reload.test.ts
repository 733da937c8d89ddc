import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function started(config: unknown, options: { port?: number | null } = {}): Promise<{ gateway: GatewayProcess; client: RawClient; edit: (next: unknown) => void }> {
  const gateway = await startGateway({ config: JSON.stringify(config), ...options });
  cleanups.push(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
  const { client } = await connectClient(gateway.url, { token: gateway.token });
  cleanups.push(() => client.close());
  const edit = (next: unknown) => writeFileSync(join(gateway.stateDir, 'gatehouse.json'), typeof next === 'string' ? next : JSON.stringify(next, null, 2));
  return { gateway, client, edit };
}

const localModel = {
  models: { providers: { local: { baseUrl: 'http://127.0.0.1:9/v1', api: 'openai-completions', models: [{ id: 'edited-in', name: 'Edited in' }] } } },
};

describe('config file reload (config.md §1.8)', () => {
  it('applies a hand edit at once: config.changed, the new hash, the new model list', async () => {
    const { client, edit } = await started({ gateway: { mode: 'local' } });
    const before = await client.call('config.get');
    const changed = client.event('config.changed', 5_000);
    edit({ gateway: { mode: 'local' }, ...localModel });
    const event = await changed;
    expect(event.payload.changedPaths).toContain('models.providers.local.baseUrl');
    const after = await client.call('config.get');
    expect(after.hash).not.toBe(before.hash);
    expect(event.payload.hash).toBe(after.hash);
    const models = await client.call('models.list');
    expect(JSON.stringify(models)).toContain('edited-in');
  });

  it('keeps the last good config when an edit does not validate, and says so in the log', async () => {
    const { client, edit } = await started({ gateway: { mode: 'local' } });
    const before = await client.call('config.get');
    edit('{ gateway: { mode: "local", port: "not a port" } ');
    await expect(client.event('config.changed', 1_500)).rejects.toThrow();
    expect((await client.call('config.get')).hash).toBe(before.hash);
    const tail = await client.call('logs.tail', { limit: 50 });
    expect(JSON.stringify(tail)).toContain('config reload skipped (invalid config)');
  });

  it('does not apply edits while gateway.reload.mode is "off"', async () => {
    const { client, edit } = await started({ gateway: { mode: 'local', reload: { mode: 'off' } } });
    const before = await client.call('config.get');
    edit({ gateway: { mode: 'local', reload: { mode: 'off' } }, ...localModel });
    await expect(client.event('config.changed', 1_500)).rejects.toThrow();
    expect((await client.call('config.get')).hash).toBe(before.hash);
  });

  it('restarts in place for a listener change: a new port by editing the file', async () => {
    const first = await freePort();
    const second = await freePort();
    const { gateway, client, edit } = await started({ gateway: { mode: 'local', port: first } }, { port: null });
    expect(gateway.port).toBe(first);
    const shutdown = client.event('shutdown', 5_000);
    edit({ gateway: { mode: 'local', port: second } });
    expect((await shutdown).payload).toMatchObject({ restartExpectedMs: expect.any(Number) });
    let moved: RawClient | undefined;
    for (let attempt = 0; attempt < 50 && !moved; attempt++) {
      try {
        moved = (await connectClient(`ws://127.0.0.1:${second}`, { token: gateway.token })).client;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(moved, gateway.output()).toBeDefined();
    expect((await moved!.request('health')).ok).toBe(true);
    moved!.close();
  });

  it('ignores its own config.* writes (no second config.changed, no restart)', async () => {
    const { client } = await started({ gateway: { mode: 'local' } });
    const { hash } = await client.call('config.get');
    await client.call('config.patch', { raw: JSON.stringify(localModel), baseHash: hash });
    await client.event('config.changed');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(client.events('config.changed')).toHaveLength(1);
    expect(client.events('shutdown')).toHaveLength(0);
  });
});
