import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStateDir, removeStateDir, runCli, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient } from '../helpers/protocol-client.js';

describe('gatehouse CLI', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({ token: null });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  const env = () => ({ GATEHOUSE_STATE_DIR: gateway.stateDir, GATEHOUSE_GATEWAY_PORT: String(gateway.port) });

  it('generates a token on first run, stores it 0600, and says where', () => {
    const path = join(gateway.stateDir, 'gateway.token');
    expect(gateway.output()).toContain(`generated a gateway token in ${path}`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('gateway call prints a result and exits 0', async () => {
    const result = await runCli(['gateway', 'call', 'health', '--json'], env());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  });

  it('gateway call passes params and reports gateway errors with a non-zero exit', async () => {
    const ok = await runCli(['gateway', 'call', 'logs.tail', '--params', '{"limit":1}', '--json'], env());
    expect(ok.code).toBe(0);
    const bad = await runCli(['gateway', 'call', 'logs.tail', '--params', '{"limit":0}'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error: INVALID_REQUEST: invalid logs.tail params: at /limit: must be >= 1');
    const unknown = await runCli(['gateway', 'call', 'no.such'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown method: no.such');
  });

  it('refuses params that are not JSON with a usage error', async () => {
    const result = await runCli(['gateway', 'call', 'health', '--params', '{oops'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--params must be JSON');
  });

  it('says clearly when no gateway is listening', async () => {
    const result = await runCli(['gateway', 'call', 'health', '--url', 'ws://127.0.0.1:9', '--timeout', '3000'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach the gateway at ws:\/\/127\.0\.0\.1:9/);
  });

  it('gateway status summarises a running gateway', async () => {
    const result = await runCli(['gateway', 'status'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`gateway running at ws://127.0.0.1:${gateway.port}`);
  });

  it('token prints the shared token; --rotate replaces it', async () => {
    const printed = await runCli(['token'], env());
    expect(printed.stdout.trim()).toBe(readFileSync(join(gateway.stateDir, 'gateway.token'), 'utf8').trim());
    const other = makeStateDir();
    const before = (await runCli(['gateway', 'token', '--state-dir', other])).stdout.trim();
    const rotated = (await runCli(['gateway', 'token', '--rotate', '--state-dir', other])).stdout.trim();
    expect(rotated).not.toBe(before);
    expect(readFileSync(join(other, 'gateway.token'), 'utf8').trim()).toBe(rotated);
    removeStateDir(other);
  });

  it('exits 78 naming the owner when the state dir is taken', async () => {
    const result = await runCli(['gateway', 'run', '--port', '0', '--state-dir', gateway.stateDir]);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`another gateway (pid ${gateway.child.pid} on 127.0.0.1:${gateway.port}) owns the state dir`);
  });

  it('exits 78 naming the owner when the port is taken', async () => {
    const other = makeStateDir();
    const result = await runCli(['gateway', 'run', '--port', String(gateway.port), '--state-dir', other]);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`another Gatehouse gateway`);
    expect(result.stderr).toContain(`127.0.0.1:${gateway.port}`);
    removeStateDir(other);
  });

  it('refuses to bind to the LAN without auth', async () => {
    const other = makeStateDir();
    const result = await runCli(['gateway', 'run', '--port', '0', '--bind', 'lan', '--auth', 'none', '--state-dir', other]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/refusing to bind gateway/);
    removeStateDir(other);
  });
});

describe('gateway shutdown', () => {
  it('on SIGTERM broadcasts shutdown, closes sockets with 1012 and exits 0', async () => {
    const gateway = await startGateway();
    const { client } = await connectClient(gateway.url, { token: gateway.token });
    const shutdown = client.event('shutdown');
    const code = await gateway.stop();
    expect((await shutdown).payload).toEqual({ reason: 'gateway stopping (SIGTERM)' });
    expect(await client.closed).toEqual({ code: 1012, reason: 'service restart' });
    expect(code).toBe(0);
    removeStateDir(gateway.stateDir);
  });
});
