import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  GatewaySettingsError,
  resolveGatewaySettings,
  type GatehouseConfig,
  type GatewaySettingsHost,
} from '../../../gateway/core/config/index.js';

const NO_TAILNET: GatewaySettingsHost = { networkInterfaces: () => ({ lo: [iface('127.0.0.1')] }), stdoutIsTTY: true };
const ON_TAILNET: GatewaySettingsHost = {
  networkInterfaces: () => ({ lo: [iface('127.0.0.1')], tailscale0: [iface('100.101.102.103')] }),
  stdoutIsTTY: true,
};

function iface(address: string): os.NetworkInterfaceInfo {
  return { address, family: 'IPv4', netmask: '255.255.255.0', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/24` };
}

function settings(config: GatehouseConfig, env: NodeJS.ProcessEnv = {}, overrides = {}, host = NO_TAILNET) {
  return resolveGatewaySettings(config, { GATEHOUSE_STATE_DIR: '/srv/gh', ...env }, overrides, host);
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewaySettingsError);
    return (error as Error).message;
  }
  throw new Error('expected a GatewaySettingsError');
}

describe('gateway settings', () => {
  it('defaults: loopback 127.0.0.1:18789, token auth without a token, hybrid reload, compat on', () => {
    expect(settings({})).toEqual({
      port: 18789,
      bind: 'loopback',
      host: '127.0.0.1',
      auth: { mode: 'token', rateLimit: { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000, exemptLoopback: true } },
      controlUi: { enabled: true, basePath: '/', allowedOrigins: [] },
      tls: { enabled: false, autoGenerate: true, certPath: '/srv/gh/gateway/tls/gateway-cert.pem', keyPath: '/srv/gh/gateway/tls/gateway-key.pem' },
      proxies: { trustedProxies: [], allowRealIpFallback: false },
      logging: { level: 'info', consoleLevel: 'info', file: '/srv/gh/logs/gatehouse.log', maxFileBytes: 104857600, consoleStyle: 'pretty' },
      compat: { bareHandshake: true, legacyLoopbackSignature: true, ownTailnetLocal: false },
      reloadMode: 'hybrid',
      warnings: [],
    });
  });

  it('port: override > GATEHOUSE_GATEWAY_PORT > OPENCLAW_GATEWAY_PORT > gateway.port > 18789', () => {
    const config = { gateway: { port: 18001 } };
    expect(settings(config, { GATEHOUSE_GATEWAY_PORT: '18002', OPENCLAW_GATEWAY_PORT: '18003' }, { port: 0 }).port).toBe(0);
    const both = settings(config, { GATEHOUSE_GATEWAY_PORT: '18002', OPENCLAW_GATEWAY_PORT: '18003' });
    expect(both.port).toBe(18002);
    expect(both.warnings).toEqual(['GATEHOUSE_GATEWAY_PORT and OPENCLAW_GATEWAY_PORT are both set and differ; using GATEHOUSE_GATEWAY_PORT']);
    expect(settings(config, { OPENCLAW_GATEWAY_PORT: '18003' }).port).toBe(18003);
    expect(settings(config).port).toBe(18001);
    expect(refusal(() => settings(config, { GATEHOUSE_GATEWAY_PORT: 'eighty' }))).toContain('GATEHOUSE_GATEWAY_PORT must be a whole number');
  });

  it('token: override > gateway.auth.token > GATEHOUSE_ > OPENCLAW_ > CLAWDBOT_GATEWAY_TOKEN', () => {
    const env = { GATEHOUSE_GATEWAY_TOKEN: 'gh', OPENCLAW_GATEWAY_TOKEN: 'oc', CLAWDBOT_GATEWAY_TOKEN: 'cb' };
    const config = { gateway: { auth: { token: 'from-config' } } };
    expect(settings(config, env, { token: 'from-cli' }).auth.token).toBe('from-cli');
    expect(settings(config, env).auth.token).toBe('from-config');
    expect(settings({}, env).auth.token).toBe('gh');
    expect(settings({}, { OPENCLAW_GATEWAY_TOKEN: 'oc', CLAWDBOT_GATEWAY_TOKEN: 'cb' }).auth.token).toBe('oc');
    expect(settings({}, { CLAWDBOT_GATEWAY_TOKEN: 'cb' }).auth.token).toBe('cb');
  });

  it('a token the config names but could not resolve does not fall back to the env', () => {
    const unresolved = { gateway: { auth: { token: { source: 'env' as const, provider: 'default', id: 'MISSING' } } } };
    const result = settings(unresolved, { GATEHOUSE_GATEWAY_TOKEN: 'env-token' });
    expect(result.auth).toMatchObject({ mode: 'token' });
    expect(result.auth.token).toBeUndefined();
  });

  it('auth mode: override > gateway.auth.mode > password if only a password resolves > token', () => {
    expect(settings({}, { GATEHOUSE_GATEWAY_PASSWORD: 'pw' }).auth).toMatchObject({ mode: 'password', password: 'pw' });
    expect(settings({ gateway: { auth: { mode: 'token', token: 't', password: 'p' } } }).auth).toMatchObject({ mode: 'token', token: 't' });
    expect(settings({ gateway: { auth: { token: 't' } } }, {}, { authMode: 'none' }).auth.mode).toBe('none');
    expect(refusal(() => settings({ gateway: { auth: { token: 't', password: 'p' } } }))).toContain('gateway.auth.mode is not set');
    expect(refusal(() => settings({ gateway: { auth: { mode: 'password' } } }))).toBe(
      'gateway auth mode is password, but no password was configured (set gateway.auth.password or GATEHOUSE_GATEWAY_PASSWORD)',
    );
    expect(refusal(() => settings({}, {}, { authMode: 'magic' }))).toContain('--auth must be one of token, password, none, trusted-proxy');
  });

  it('refuses to listen beyond loopback without auth', () => {
    const none = { gateway: { auth: { mode: 'none' as const } } };
    expect(refusal(() => settings(none, {}, { bind: 'lan' }))).toBe(
      'refusing to bind gateway to 0.0.0.0 without auth (set gateway.auth.mode to token or password)',
    );
    expect(refusal(() => settings({ gateway: { ...none.gateway, bind: 'custom', customBindHost: '192.168.1.20' } }))).toContain('refusing to bind gateway to 192.168.1.20');
    expect(refusal(() => settings({ gateway: { ...none.gateway, bind: 'tailnet' } }, {}, {}, ON_TAILNET))).toContain('refusing to bind gateway to 100.101.102.103');
    expect(settings({ gateway: { ...none.gateway, bind: 'tailnet' } }).host).toBe('127.0.0.1');
    expect(settings({ gateway: { ...none.gateway, bind: 'auto' } }).host).toBe('127.0.0.1');
    expect(settings({ gateway: { ...none.gateway, bind: 'custom', customBindHost: '127.0.0.1' } }).host).toBe('127.0.0.1');
  });

  it('listens where the bind mode says', () => {
    expect(settings({ gateway: { bind: 'lan' } }).host).toBe('0.0.0.0');
    expect(settings({ gateway: { bind: 'tailnet' } }, {}, {}, ON_TAILNET).host).toBe('100.101.102.103');
    expect(settings({}, {}, { bind: '0.0.0.0' })).toMatchObject({ bind: 'lan', host: '0.0.0.0' });
    expect(refusal(() => settings({ gateway: { bind: 'custom' } }))).toContain('gateway.customBindHost is not set');
  });

  it('a client-only file cannot start a daemon', () => {
    expect(refusal(() => settings({ gateway: { mode: 'remote' } }))).toMatch(/^Gateway start blocked: set gateway.mode=local/);
  });

  it('compat switches come from the env (1/0), then the file, then their defaults', () => {
    const env = { GATEHOUSE_COMPAT_BARE_HANDSHAKE: '0', GATEHOUSE_PAIRING_OWN_TAILNET_LOCAL: '1' };
    expect(settings({}, env).compat).toEqual({ bareHandshake: false, legacyLoopbackSignature: true, ownTailnetLocal: true });
    expect(settings({ gateway: { compat: { legacyLoopbackSignature: false } } }).compat.legacyLoopbackSignature).toBe(false);
    expect(refusal(() => settings({}, { GATEHOUSE_COMPAT_LEGACY_LOOPBACK_SIGNATURE: 'yes' }))).toContain('must be 1 or 0');
  });

  it('logging: env level overrides both levels; the file defaults to <stateDir>/logs/gatehouse.log', () => {
    const config = { logging: { level: 'warn' as const, consoleLevel: 'error' as const, consoleStyle: 'json' as const, redactPatterns: ['sk-[a-z]+'] } };
    expect(settings(config, { OPENCLAW_LOG_LEVEL: 'debug' }).logging).toEqual({
      level: 'debug',
      consoleLevel: 'debug',
      file: '/srv/gh/logs/gatehouse.log',
      maxFileBytes: 104857600,
      consoleStyle: 'json',
      redactPatterns: ['sk-[a-z]+'],
    });
    expect(settings({ logging: { file: '/var/log/gh.log' } }).logging.file).toBe('/var/log/gh.log');
    expect(settings({}, {}, {}, { ...NO_TAILNET, stdoutIsTTY: false }).logging.consoleStyle).toBe('json');
  });
});
