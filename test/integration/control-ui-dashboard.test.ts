import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDevice } from '../helpers/device-keys.js';
import { makeStateDir, removeStateDir, runCli, startGateway, TEST_TOKEN, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectAsUi } from './control-ui-support.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('gatehouse dashboard', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    const port = await freePort();
    // The port in the config file: the CLI finds the gateway the way `gateway call` does.
    gateway = await startGateway({ port: null, config: JSON.stringify({ gateway: { port, controlUi: { basePath: '/cp' } } }) });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('--no-open prints a sign-in link that works once', async () => {
    const result = await runCli(['dashboard', '--no-open', '--state-dir', gateway.stateDir, '--token', TEST_TOKEN]);
    expect(result.code).toBe(0);
    const match = /(http:\/\/127\.0\.0\.1:\d+\/cp\/)#code=([A-Za-z0-9_-]+)/.exec(result.stdout);
    expect(match).not.toBeNull();
    const [, pageUrl, code] = match as RegExpExecArray;
    expect(pageUrl).toBe(`http://127.0.0.1:${gateway.port}/cp/`);
    const origin = `http://127.0.0.1:${gateway.port}`;
    const first = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin, path: '/cp' });
    expect(first.response.ok).toBe(true);
    first.client.close();
    const again = await connectAsUi(gateway.url, { device: createTestDevice(), bootstrapToken: code, origin, path: '/cp' });
    expect(again.response.ok).toBe(false);
  });

  it('--url prints only the link', async () => {
    const result = await runCli(['dashboard', '--url', '--state-dir', gateway.stateDir, '--token', TEST_TOKEN]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cp\/#code=[A-Za-z0-9_-]+$/);
  });

  it('says so when the token is wrong', async () => {
    const result = await runCli(['dashboard', '--no-open', '--state-dir', gateway.stateDir, '--token', 'wrong-token']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refused to mint a login code');
  });
});

describe('gatehouse dashboard without a gateway', () => {
  it('says in one sentence that none is running and exits 1', async () => {
    const stateDir = makeStateDir();
    try {
      const port = await freePort();
      writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify({ gateway: { port } }));
      const result = await runCli(['dashboard', '--no-open', '--state-dir', stateDir, '--token', TEST_TOKEN], {
        GATEHOUSE_GATEWAY_PORT: undefined,
        OPENCLAW_GATEWAY_PORT: undefined,
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`No gateway is running at http://127.0.0.1:${port}; start it with \`gatehouse gateway run\`.`);
    } finally {
      removeStateDir(stateDir);
    }
  });
});
