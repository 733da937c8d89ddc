import { request as httpRequest } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { HASHED_SCRIPT, HASHED_STYLE, httpOrigin, makeUiBundle } from './control-ui-support.js';

/** A raw HTTP/1.1 request, so paths reach the gateway exactly as written (fetch would normalise `..`). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Control UI served by the gateway', () => {
  let gateway: GatewayProcess;
  let bundle: { root: string; outside: string };
  let origin: string;
  beforeAll(async () => {
    bundle = makeUiBundle();
    gateway = await startGateway({ config: JSON.stringify({ gateway: { controlUi: { root: bundle.root } } }) });
    origin = httpOrigin(gateway.url);
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
    rmSync(bundle.outside, { recursive: true, force: true });
  });

  it('serves index.html at / with the base path filled in and the strict headers', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${gateway.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<meta name="gatehouse-base-path" content="/">');
    expect(html).toContain('fixture ui');
  });

  it('gives hashed assets a year of immutable caching and their content types', async () => {
    const script = await fetch(`${origin}/${HASHED_SCRIPT}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const style = await fetch(`${origin}/${HASHED_STYLE}`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await fetch(`${origin}/favicon.ico`);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for app routes that accept HTML, and 404s for missing files', async () => {
    const route = await fetch(`${origin}/sessions/agent:main:main`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('fixture ui');
    expect((await fetch(`${origin}/assets/missing-0123456789.js`)).status).toBe(404);
    expect((await fetch(`${origin}/sessions/x`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await rawGet(gateway.port, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${origin}/`, { method: 'PUT' })).status).toBe(405);
  });

  it.each([
    '/../../../../etc/passwd',
    '/assets/..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e%5c%2e%2e%5cindex.html',
    '/assets\\..\\..\\etc\\passwd',
    '/index.html%00.js',
    '/assets/%E0%A4%A',
    '/.env',
  ])('refuses the traversal attempt %s', async (path) => {
    const response = await rawGet(gateway.port, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('root:');
    expect(response.body).not.toContain('outside the bundle');
  });

  it('does not follow a symlink out of the bundle', async () => {
    const response = await rawGet(gateway.port, '/assets/leak.txt');
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside the bundle');
  });

  it('keeps the probes and refuses the app to a plain-HTTP client from another machine', async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    // A Host that is not this machine: the browser is elsewhere and has no secure context.
    const remote = await rawGet(gateway.port, '/', { host: `gateway.example.net:${gateway.port}` });
    expect(remote.status).toBe(403);
    expect(remote.body).toContain('gateway.tls.enabled');
    expect(remote.body).toContain('ssh -L');
    expect(remote.body).not.toContain('fixture ui');
  });

  it('is turned off and on again by editing controlUi.enabled, without a restart', async () => {
    const configPath = join(gateway.stateDir, 'gatehouse.json');
    writeFileSync(configPath, JSON.stringify({ gateway: { controlUi: { root: bundle.root, enabled: false } } }));
    await expect.poll(async () => (await fetch(`${origin}/`)).status, { timeout: 10_000, interval: 100 }).toBe(404);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    writeFileSync(configPath, JSON.stringify({ gateway: { controlUi: { root: bundle.root, enabled: true } } }));
    await expect.poll(async () => (await fetch(`${origin}/`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
    expect(gateway.output()).not.toMatch(/restarting in place/);
  });
});

describe('Control UI under a base path', () => {
  let gateway: GatewayProcess;
  let bundle: { root: string; outside: string };
  let origin: string;
  beforeAll(async () => {
    bundle = makeUiBundle();
    gateway = await startGateway({ config: JSON.stringify({ gateway: { controlUi: { root: bundle.root, basePath: '/gatehouse' } } }) });
    origin = httpOrigin(gateway.url);
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
    rmSync(bundle.outside, { recursive: true, force: true });
  });

  it('serves the UI below the base path and tells the page where it lives', async () => {
    const response = await fetch(`${origin}/gatehouse/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<meta name="gatehouse-base-path" content="/gatehouse/">');
    expect((await fetch(`${origin}/gatehouse/${HASHED_SCRIPT}`)).status).toBe(200);
    const bare = await fetch(`${origin}/gatehouse`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/gatehouse/');
  });

  it('serves nothing of the UI outside the base path', async () => {
    expect((await fetch(`${origin}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${origin}/${HASHED_SCRIPT}`)).status).toBe(404);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});

describe('Control UI without a built bundle', () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGateway({ config: JSON.stringify({ gateway: { controlUi: { root: '/nonexistent/gatehouse-control-ui' } } }) });
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('answers a page that says how to build it, and keeps running', async () => {
    const response = await fetch(`${httpOrigin(gateway.url)}/`);
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain('npm run build:control-ui');
    expect(html).toContain('gateway.controlUi.root');
    expect((await fetch(`${httpOrigin(gateway.url)}/healthz`)).status).toBe(200);
  });
});
