import { describe, expect, it } from 'vitest';
import { LoginCodes, loginCodeTtlFromEnv } from '../../../gateway/core/devices/login-codes.js';
import { normalizeBasePath } from '../../../gateway/core/config/gateway-settings.js';
import { isAppRoute, isHashedAsset, parseUiPath } from '../../../gateway/features/control-ui/static-files.js';
import { openerCommand } from '../../../gateway/cli/platform-opener.js';
import { findRoute } from '../../../gateway/core/server/http-routes.js';

describe('LoginCodes', () => {
  const grant = { role: 'operator', scopes: ['operator.admin'] };

  it('mints long random codes that work once', () => {
    const codes = new LoginCodes(() => 1_000, 60_000);
    const a = codes.mint(grant);
    const b = codes.mint(grant);
    expect(a.code).not.toBe(b.code);
    expect(Buffer.from(a.code, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(a.expiresAtMs).toBe(61_000);
    expect(codes.redeem(a.code)).toEqual(grant);
    expect(codes.redeem(a.code)).toBeUndefined();
    expect(codes.redeem('unknown')).toBeUndefined();
  });

  it('refuses a code at its expiry and forgets expired ones', () => {
    let now = 0;
    const codes = new LoginCodes(() => now, 60_000);
    const { code } = codes.mint(grant);
    codes.mint(grant);
    now = 60_000;
    expect(codes.redeem(code)).toBeUndefined();
    codes.sweep();
    expect(codes.outstanding).toBe(0);
  });

  it('keeps a bounded number of outstanding codes, dropping the oldest', () => {
    const codes = new LoginCodes(() => 0, 60_000);
    const first = codes.mint(grant);
    for (let i = 0; i < 100; i++) codes.mint(grant);
    expect(codes.outstanding).toBeLessThanOrEqual(64);
    expect(codes.redeem(first.code)).toBeUndefined();
  });

  it('takes a shorter lifetime from the environment, never a longer one', () => {
    expect(loginCodeTtlFromEnv({ GATEHOUSE_LOGIN_CODE_TTL_MS: '250' })).toBe(250);
    expect(loginCodeTtlFromEnv({ GATEHOUSE_LOGIN_CODE_TTL_MS: '600000' })).toBe(60_000);
    expect(loginCodeTtlFromEnv({ GATEHOUSE_LOGIN_CODE_TTL_MS: 'soon' })).toBe(60_000);
    expect(loginCodeTtlFromEnv({})).toBe(60_000);
  });
});

describe('Control UI paths', () => {
  it('normalises the base path and refuses unsafe ones', () => {
    expect(normalizeBasePath(undefined)).toBe('/');
    expect(normalizeBasePath('/')).toBe('/');
    expect(normalizeBasePath('gatehouse')).toBe('/gatehouse/');
    expect(normalizeBasePath('/a/b/')).toBe('/a/b/');
    for (const bad of ['/../x', '/a/./b', '/a b', '/a?b', '/%2e%2e']) expect(() => normalizeBasePath(bad)).toThrow(/basePath/);
  });

  it('parses request paths below the base path and flags escapes', () => {
    expect(parseUiPath('/', '/')).toEqual({ kind: 'index' });
    expect(parseUiPath('/ui/', '/ui/')).toEqual({ kind: 'index' });
    expect(parseUiPath('/ui', '/ui/')).toEqual({ kind: 'index' });
    expect(parseUiPath('/ui/assets/a-12345678.js', '/ui/')).toEqual({ kind: 'file', relative: 'assets/a-12345678.js' });
    for (const bad of ['/..', '/a/../b', '/%2e%2e/x', '/a%2f..%2fb', '/a%5cb', '/a%00', '/.git/config', '/%E0%A4%A', '//etc/passwd']) {
      expect(parseUiPath(bad, '/')).toEqual({ kind: 'bad' });
    }
  });

  it('tells hashed assets and app routes apart', () => {
    expect(isHashedAsset('assets/index-B7x2kQpZ.js')).toBe(true);
    expect(isHashedAsset('assets/chunks/vendor.Dq81LmNa.css')).toBe(true);
    expect(isHashedAsset('favicon.ico')).toBe(false);
    expect(isHashedAsset('assets/logo.svg')).toBe(false);
    expect(isAppRoute('sessions/agent:main:main')).toBe(true);
    expect(isAppRoute('assets/x.js')).toBe(false);
  });
});

describe('platform opener', () => {
  it('uses the desktop opener of each platform', () => {
    expect(openerCommand('https://h/#code=x', 'linux')).toEqual({ command: 'xdg-open', args: ['https://h/#code=x'] });
    expect(openerCommand('https://h/#code=x', 'darwin')).toEqual({ command: 'open', args: ['https://h/#code=x'] });
    expect(openerCommand('https://h/?a=1&b=2', 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'https://h/?a=1^&b=2'] });
  });
});

describe('route precedence beside the Control UI', () => {
  const handle = () => undefined;
  const ui = { path: '/', prefix: true, methods: ['GET', 'HEAD'] as const, handle };
  const login = { path: '/api/login-code', methods: ['POST'] as const, handle };
  const hooks = { path: '/hooks', prefix: true, methods: ['POST'] as const, handle };
  const exact = { path: '/status.json', methods: ['GET'] as const, handle };

  it('never lets the UI at "/" shadow another feature\'s path', () => {
    const routes = [ui, login, hooks, exact];
    expect(findRoute(routes, '/hooks/telegram')).toBe(hooks);
    expect(findRoute(routes, '/hooks')).toBe(hooks);
    expect(findRoute(routes, '/status.json')).toBe(exact);
    expect(findRoute(routes, '/api/login-code')).toBe(login);
    expect(findRoute(routes, '/chat')).toBe(ui);
  });
});
