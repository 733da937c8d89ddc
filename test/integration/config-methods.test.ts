import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, removeStateDir, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type RawClient } from '../helpers/protocol-client.js';

const INITIAL = `{
  // hand-written, with a comment
  gateway: { mode: "local" },
  models: { providers: { local: { baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-local-secret-value-123456", api: "openai-completions",
    models: [{ id: "m", name: "Model" }] } } },
}
`;

describe('config methods', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway({ config: INITIAL });
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('config.get shows the file with secrets redacted and a hash to write against', async () => {
    const view = await admin.call('config.get');
    expect(view).toMatchObject({ path: join(gateway.stateDir, 'gatehouse.json'), exists: true, valid: true, hash: expect.stringMatching(/^hmac-sha256:v1:/) });
    expect(JSON.stringify(view)).not.toContain('sk-local-secret-value-123456');
    expect(JSON.stringify(view)).toContain('__OPENCLAW_REDACTED__');
  });

  it('config.set needs the current hash, refuses a stale one, and keeps redacted secrets', async () => {
    const { hash } = await admin.call('config.get');
    const raw = '{ gateway: { mode: "local" }, models: { providers: { local: { baseUrl: "http://127.0.0.1:9/v1", apiKey: "__OPENCLAW_REDACTED__", api: "openai-completions", models: [{ id: "m", name: "Model" }] } } }, logging: { level: "debug" } }';
    expect((await admin.request('config.set', { raw })).error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'config base hash required; re-run config.get and retry',
    });
    expect((await admin.request('config.set', { raw, baseHash: 'hmac-sha256:v1:stale' })).error.message).toBe(
      'config changed since last load; re-run config.get and retry',
    );
    const written = await admin.call('config.set', { raw, baseHash: hash });
    expect(written).toMatchObject({ ok: true, changedPaths: expect.arrayContaining(['logging.level']), restart: { scheduled: false } });
    expect(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8')).toContain('sk-local-secret-value-123456');
  });

  it('refuses an invalid config and writes nothing', async () => {
    const before = readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8');
    const { hash } = await admin.call('config.get');
    const response = await admin.request('config.set', { raw: '{ gateway: { port: "eighty" } }', baseHash: hash });
    expect(response.error.code).toBe('INVALID_REQUEST');
    expect(response.error.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'gateway.port' })]));
    expect((await admin.request('config.set', { raw: '{ not json5', baseHash: hash })).error.code).toBe('INVALID_REQUEST');
    expect(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8')).toBe(before);
  });

  it('config.patch merges and reports what changed; a no-op says so', async () => {
    const { hash } = await admin.call('config.get');
    const patched = await admin.call('config.patch', { raw: '{ session: { scope: "global" } }', baseHash: hash });
    expect(patched).toMatchObject({ ok: true, changedPaths: ['session.scope'] });
    const again = await admin.call('config.get');
    const noop = await admin.call('config.patch', { raw: '{ session: { scope: "global" } }', baseHash: again.hash });
    expect(noop).toMatchObject({ ok: true, noop: true, changedPaths: [] });
    expect((await admin.request('config.patch', { raw: '[1,2]', baseHash: again.hash })).error.message).toBe('config.patch raw must be an object');
  });

  it('config.schema is JSON Schema generated from the config schema', async () => {
    const schema = await admin.call('config.schema');
    expect(schema).toMatchObject({ schema: { type: 'object', properties: expect.objectContaining({ gateway: expect.any(Object) }) }, version: expect.any(String) });
  });

  it('config.apply writes, answers, then restarts the gateway in place (shutdown + 1012)', async () => {
    const watcher = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'watcher', mode: 'ui' } })).client;
    const { hash } = await admin.call('config.get');
    const current = await admin.call('config.get');
    const raw = current.raw.replace('"debug"', '"info"');
    const shutdown = watcher.event('shutdown');
    const result = await admin.call('config.apply', { raw, baseHash: hash, restartDelayMs: 100 });
    expect(result).toMatchObject({ ok: true, restart: { scheduled: true, delayMs: 100 } });
    expect((await shutdown).payload).toMatchObject({ reason: expect.any(String), restartExpectedMs: expect.any(Number) });
    expect(await watcher.closed).toEqual({ code: 1012, reason: 'service restart' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    let reconnected: RawClient | undefined;
    for (let attempt = 0; attempt < 50 && !reconnected; attempt++) {
      try {
        reconnected = (await connectClient(gateway.url, { token: gateway.token })).client;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(reconnected).toBeDefined();
    expect((await reconnected!.call('config.get')).hash).not.toBe(hash);
    admin = reconnected!;
  });
});

describe('config writes on a state dir without a config file', () => {
  let gateway: GatewayProcess;
  let admin: RawClient;
  beforeAll(async () => {
    gateway = await startGateway();
    admin = (await connectClient(gateway.url, { token: gateway.token })).client;
  });
  afterAll(async () => {
    admin.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('accepts the null hash config.get reported as baseHash, once: after that a file exists', async () => {
    const view = await admin.call('config.get');
    expect(view).toMatchObject({ exists: false, hash: null });
    // What a client does that echoes config.get's hash into its first write.
    const written = await admin.call('config.patch', { raw: '{ gateway: { mode: "local" }, logging: { level: "debug" } }', baseHash: view.hash });
    expect(written).toMatchObject({ ok: true, hash: expect.stringMatching(/^hmac-sha256:v1:/) });
    expect(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8')).toContain('debug');

    // A second client still holding the null hash would overwrite that file: refused.
    for (const method of ['config.set', 'config.patch', 'config.apply']) {
      const stale = await admin.request(method, { raw: '{ gateway: { mode: "local" } }', baseHash: null });
      expect(stale.error).toMatchObject({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(/^config changed since last load: .*gatehouse\.json exists now/),
        details: { reason: 'file-exists' },
      });
    }
    expect(readFileSync(join(gateway.stateDir, 'gatehouse.json'), 'utf8')).toContain('debug');
  });
});

describe('config.apply with listener settings that cannot work', () => {
  it('keeps serving on the previous port when the new one is taken', async () => {
    const { createServer } = await import('node:net');
    const freePort = () =>
      new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      });
    const original = await freePort();
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const taken = (blocker.address() as { port: number }).port;

    const gateway = await startGateway({ port: null, config: JSON.stringify({ gateway: { mode: 'local', port: original } }) });
    expect(gateway.port).toBe(original);
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    const { hash, raw } = await client.call('config.get');
    const closed = client.closed;
    await client.call('config.apply', { raw: raw.replace(String(original), String(taken)), baseHash: hash, restartDelayMs: 50 });
    expect((await closed).code).toBe(1012);

    let again: RawClient | undefined;
    for (let attempt = 0; attempt < 50 && !again; attempt++) {
      try {
        again = (await connectClient(gateway.url, { token: gateway.token })).client;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(again, gateway.output()).toBeDefined();
    expect(gateway.output()).toContain('could not apply the new listener settings');
    expect((await again!.request('health')).ok).toBe(true);
    again!.close();
    blocker.close();
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });
});
