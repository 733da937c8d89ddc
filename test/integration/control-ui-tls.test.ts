import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPinnedTls } from '../../shared/gateway-host/pinned-tls.js';
import { readLockOwner, lockFilePath } from '../../shared/gateway-host/lock-file.js';
import { requestLoginCode } from '../../shared/gateway-host/login-code-client.js';
import { createTestDevice } from '../helpers/device-keys.js';
import { CLI_ENTRY, makeStateDir, removeStateDir, runCli, TEST_TOKEN } from '../helpers/gateway-process.js';
import { buildConnectParams, type Frame } from '../helpers/protocol-client.js';
import { makeUiBundle, UI_SCOPES } from './control-ui-support.js';

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

interface TlsGateway {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `gatehouse gateway run` with the port in the config (so the CLI finds it); resolves at its ready line or its exit. */
async function runGateway(stateDir: string): Promise<TlsGateway & { ready: boolean }> {
  const env: NodeJS.ProcessEnv = { ...process.env, GATEHOUSE_LOG_LEVEL: 'info' };
  for (const key of ['GATEHOUSE_GATEWAY_PORT', 'OPENCLAW_GATEWAY_PORT', 'GATEHOUSE_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_TOKEN', 'GATEHOUSE_CONFIG_PATH', 'OPENCLAW_CONFIG_PATH']) delete env[key];
  const child = spawn(process.execPath, [CLI_ENTRY, 'gateway', 'run', '--state-dir', stateDir, '--token', TEST_TOKEN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!/listening on wss?:\/\//.test(output) && child.exitCode === null && Date.now() < deadline) await sleep(20);
  return { child, output: () => output, exited, ready: /listening on wss?:\/\//.test(output) };
}

function pinnedSocket(url: string, fingerprint: string, origin?: string): Promise<WebSocket> {
  const { hostname, port } = new URL(url);
  return connectPinnedTls(hostname, Number(port), fingerprint).then(
    (socket) => new WebSocket(url, { perMessageDeflate: false, createConnection: () => socket, ...(origin ? { headers: { origin } } : {}) }),
  );
}

function nextFrame(ws: WebSocket, predicate: (frame: Frame) => boolean): Promise<Frame> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (predicate(frame)) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('TLS with a generated certificate', () => {
  let stateDir: string;
  let port: number;
  let gateway: TlsGateway;
  let bundle: { root: string; outside: string };
  beforeAll(async () => {
    stateDir = makeStateDir();
    port = await freePort();
    bundle = makeUiBundle();
    writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify({ gateway: { port, tls: { enabled: true }, controlUi: { root: bundle.root } } }));
    const started = await runGateway(stateDir);
    if (!started.ready) throw new Error(`gateway did not start:\n${started.output()}`);
    gateway = started;
  });
  afterAll(async () => {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    removeStateDir(stateDir);
    rmSync(bundle.outside, { recursive: true, force: true });
  });

  it('creates the pair in the state dir (key 0600), prints its fingerprint and publishes it in the lock file', () => {
    const certPath = join(stateDir, 'gateway', 'tls', 'gateway-cert.pem');
    const keyPath = join(stateDir, 'gateway', 'tls', 'gateway-key.pem');
    expect(existsSync(certPath)).toBe(true);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const fingerprint = new X509Certificate(readFileSync(certPath)).fingerprint256.replace(/:/g, '').toLowerCase();
    expect(gateway.output()).toContain(`TLS certificate SHA-256 fingerprint: ${fingerprint}`);
    expect(gateway.output()).toContain(`listening on wss://127.0.0.1:${port}`);
    expect(readLockOwner(lockFilePath(stateDir))?.tlsFingerprint).toBe(fingerprint);
  });

  it('answers wss:// with the pinned certificate: login code, then the Control UI connect', async () => {
    const fingerprint = readLockOwner(lockFilePath(stateDir))?.tlsFingerprint as string;
    const minted = await requestLoginCode({ gatewayUrl: `wss://127.0.0.1:${port}`, basePath: '/', secret: TEST_TOKEN, tlsFingerprint: fingerprint });
    expect(minted.url).toBe(`https://127.0.0.1:${port}/#code=${minted.code}`);

    const ws = await pinnedSocket(`wss://127.0.0.1:${port}/`, fingerprint, `https://127.0.0.1:${port}`);
    const challenge = (await nextFrame(ws, (frame) => frame.event === 'connect.challenge')).payload as { nonce: string; ts: number };
    const params = buildConnectParams(challenge, {
      device: createTestDevice(),
      client: { id: 'openclaw-control-ui', mode: 'webchat', platform: 'web', version: '1.0.0' },
      role: 'operator',
      scopes: UI_SCOPES,
      maxProtocol: 4,
      deviceToken: minted.code,
    });
    delete params.auth.deviceToken;
    params.auth.bootstrapToken = minted.code;
    ws.send(JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params }));
    const response = await nextFrame(ws, (frame) => frame.id === 'c1');
    expect(response.ok).toBe(true);
    expect(response.payload.auth.deviceToken).toEqual(expect.any(String));
    ws.close();
  });

  it('refuses to talk to a certificate with another fingerprint', async () => {
    await expect(connectPinnedTls('127.0.0.1', port, '0'.repeat(64))).rejects.toThrow(/refusing to send credentials/);
  });

  it('lets `gateway call`, `status` and `dashboard` reach it by pinning the local certificate', async () => {
    const call = await runCli(['gateway', 'call', 'health', '--state-dir', stateDir, '--token', TEST_TOKEN, '--json']);
    expect(call.code).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({ ok: true });
    const status = await runCli(['gateway', 'status', '--state-dir', stateDir, '--token', TEST_TOKEN]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('TLS certificate SHA-256');
    const dashboard = await runCli(['dashboard', '--url', '--state-dir', stateDir, '--token', TEST_TOKEN]);
    expect(dashboard.code).toBe(0);
    expect(dashboard.stdout.trim()).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${port}/#code=[A-Za-z0-9_-]+$`));
  });
});

describe('TLS certificate replaced in place', () => {
  it('is served without a restart, and its fingerprint published', async () => {
    const stateDir = makeStateDir();
    const port = await freePort();
    writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify({ gateway: { port, tls: { enabled: true } } }));
    const started = await runGateway(stateDir);
    try {
      expect(started.ready).toBe(true);
      const before = readLockOwner(lockFilePath(stateDir))?.tlsFingerprint as string;
      const { generate } = await import('selfsigned');
      const pems = await generate([{ name: 'commonName', value: 'renewed' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
      const fingerprint = new X509Certificate(pems.cert).fingerprint256.replace(/:/g, '').toLowerCase();
      writeFileSync(join(stateDir, 'gateway', 'tls', 'gateway-key.pem'), pems.private);
      writeFileSync(join(stateDir, 'gateway', 'tls', 'gateway-cert.pem'), pems.cert);
      await expect.poll(() => readLockOwner(lockFilePath(stateDir))?.tlsFingerprint, { timeout: 15_000, interval: 200 }).toBe(fingerprint);
      expect(fingerprint).not.toBe(before);
      const socket = await connectPinnedTls('127.0.0.1', port, fingerprint);
      socket.destroy();
      await expect(connectPinnedTls('127.0.0.1', port, before)).rejects.toThrow(/refusing to send credentials/);
      expect(started.output()).toContain(`TLS certificate renewed; SHA-256 fingerprint: ${fingerprint}`);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
      removeStateDir(stateDir);
    }
  });
});

describe('TLS with one of the two files missing', () => {
  it('stops at start with a message naming the missing file', async () => {
    const stateDir = makeStateDir();
    try {
      const port = await freePort();
      writeFileSync(join(stateDir, 'gatehouse.json'), JSON.stringify({ gateway: { port, tls: { enabled: true } } }));
      const first = await runGateway(stateDir);
      expect(first.ready).toBe(true);
      first.child.kill('SIGTERM');
      await first.exited;
      const keyPath = join(stateDir, 'gateway', 'tls', 'gateway-key.pem');
      unlinkSync(keyPath);
      const second = await runGateway(stateDir);
      const code = await second.exited;
      expect(code).toBe(1);
      expect(second.output()).toContain(`${keyPath} is missing`);
      expect(second.output()).not.toMatch(/listening on/);
    } finally {
      removeStateDir(stateDir);
    }
  });
});
