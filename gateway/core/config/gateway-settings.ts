import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PORT } from '../../../shared/protocol/limits.js';
import { defaultLogFile } from './apply-defaults.js';
import { readAuthSettings } from './gateway-auth-settings.js';
import { GatewaySettingsError } from './errors.js';
import { readEnvTwin } from './env-twins.js';
import { isLoopbackHost, isTailnetAddress } from './network-hosts.js';
import { BIND_MODES } from './schema/gateway.js';
import { LOG_LEVELS } from './schema/logging.js';
import type { GatehouseConfig } from './schema/root.js';
import { expandHome, resolveStateDir } from './state-paths.js';

// config.md §1.1, §2, §7: the listener, auth, logging and compat settings the daemon runs
// with, after CLI overrides and environment variables.

export type BindMode = (typeof BIND_MODES)[number];
export type AuthMode = 'token' | 'password' | 'none' | 'trusted-proxy';

export interface GatewaySettings {
  port: number;
  bind: BindMode;
  /** The address to listen on. */
  host: string;
  auth: {
    mode: AuthMode;
    /** Set only in token mode; undefined there means "none configured" (the caller generates one). */
    token?: string;
    /** Set only in password mode. */
    password?: string;
    rateLimit: { maxAttempts: number; windowMs: number; lockoutMs: number; exemptLoopback: boolean };
  };
  controlUi: ControlUiSettings;
  tls: TlsSettings;
  /** Peers whose X-Forwarded-For names the real client (IPs or CIDRs), and the X-Real-IP fallback. */
  proxies: { trustedProxies: string[]; allowRealIpFallback: boolean };
  logging: {
    level: string;
    consoleLevel: string;
    file: string;
    maxFileBytes: number;
    consoleStyle: 'pretty' | 'json';
    redactPatterns?: string[];
  };
  compat: { bareHandshake: boolean; legacyLoopbackSignature: boolean; ownTailnetLocal: boolean };
  reloadMode: 'hybrid' | 'off';
  /** Things worth logging at startup (e.g. a GATEHOUSE_* and OPENCLAW_* twin that disagree). */
  warnings: string[];
}

/** config.md §2.3: the browser UI the gateway serves. */
export interface ControlUiSettings {
  enabled: boolean;
  /** Always starts and ends with "/" ("/" or "/openclaw/"). */
  basePath: string;
  /** The built bundle's folder when the config names one; else the one beside the package. */
  root?: string;
  allowedOrigins: string[];
}

/** config.md §2.4: HTTPS + WSS on the listener's port. */
export interface TlsSettings {
  enabled: boolean;
  autoGenerate: boolean;
  certPath: string;
  keyPath: string;
  /** config.md §2.4: the CA chain served after the certificate (tls-material.ts). */
  caPath?: string;
}

export interface GatewaySettingsOverrides {
  port?: number;
  bind?: string;
  authMode?: string;
  token?: string;
  password?: string;
}

/** What the host provides; tests hand in their own. */
export interface GatewaySettingsHost {
  networkInterfaces?: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  stdoutIsTTY?: boolean;
}

const LEGACY_BIND_VALUES: Record<string, BindMode> = {
  '0.0.0.0': 'lan', '::': 'lan', '[::]': 'lan', '*': 'lan', '127.0.0.1': 'loopback', localhost: 'loopback', '::1': 'loopback',
};

function resolvePort(config: GatehouseConfig, env: NodeJS.ProcessEnv, override: number | undefined, warnings: string[]): number {
  if (override !== undefined) {
    if (!Number.isInteger(override) || override < 0 || override > 65535) {
      throw new GatewaySettingsError(`--port must be a whole number from 0 to 65535 (got ${override})`);
    }
    return override;
  }
  const fromEnv = readEnvTwin(env, 'GATEHOUSE_GATEWAY_PORT', 'OPENCLAW_GATEWAY_PORT', warnings);
  if (fromEnv) {
    const port = /^\d+$/.test(fromEnv.value.trim()) ? Number(fromEnv.value) : Number.NaN;
    if (!Number.isInteger(port) || port > 65535) {
      throw new GatewaySettingsError(`${fromEnv.name} must be a whole number from 0 to 65535 (got "${fromEnv.value}")`);
    }
    return port;
  }
  return config.gateway?.port ?? DEFAULT_PORT;
}

function resolveBind(config: GatehouseConfig, override: string | undefined): BindMode {
  if (override === undefined) return config.gateway?.bind ?? 'loopback';
  const bind = (BIND_MODES as readonly string[]).includes(override) ? (override as BindMode) : LEGACY_BIND_VALUES[override];
  if (!bind) throw new GatewaySettingsError(`--bind must be one of ${BIND_MODES.join(', ')} (got "${override}")`);
  return bind;
}

function tailnetAddress(host: GatewaySettingsHost): string | undefined {
  const interfaces = (host.networkInterfaces ?? os.networkInterfaces)();
  for (const addresses of Object.values(interfaces)) {
    const found = addresses?.find((entry) => entry.family === 'IPv4' && isTailnetAddress(entry.address));
    if (found) return found.address;
  }
  return undefined;
}

function hostFor(bind: BindMode, config: GatehouseConfig, host: GatewaySettingsHost): string {
  switch (bind) {
    case 'loopback':
    case 'auto':
      return '127.0.0.1';
    case 'lan':
      return '0.0.0.0';
    case 'tailnet':
      return tailnetAddress(host) ?? '127.0.0.1';
    case 'custom': {
      const custom = config.gateway?.customBindHost;
      if (!custom) throw new GatewaySettingsError('gateway.bind is "custom" but gateway.customBindHost is not set; set it to the IPv4 address to listen on');
      return custom;
    }
  }
}

function envSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (value === '1') return true;
  if (value === '0') return false;
  throw new GatewaySettingsError(`${name} must be 1 or 0 (got "${value}")`);
}

function logLevel(env: NodeJS.ProcessEnv, configured: string | undefined, warnings: string[]): string {
  const fromEnv = readEnvTwin(env, 'GATEHOUSE_LOG_LEVEL', 'OPENCLAW_LOG_LEVEL', warnings);
  if (!fromEnv) return configured ?? 'info';
  const level = fromEnv.value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new GatewaySettingsError(`${fromEnv.name} must be one of ${LOG_LEVELS.join(', ')} (got "${fromEnv.value}")`);
  }
  return level;
}

/** "/", "ui", "/ui/" → "/", "/ui/", "/ui/": one form for matching paths and building URLs. */
export function normalizeBasePath(value: string | undefined): string {
  const trimmed = (value ?? '/').trim();
  const segments = trimmed.split('/').filter((segment) => segment !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || !/^[A-Za-z0-9._~-]+$/.test(segment)) {
      throw new GatewaySettingsError(
        `gateway.controlUi.basePath must be a URL path of letters, digits and . _ ~ - segments, like "/" or "/gatehouse" (got "${value}")`,
      );
    }
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** Origins compare as the browser sends them: scheme://host[:port], lower case, no trailing slash. */
function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

export function resolveGatewaySettings(
  config: GatehouseConfig,
  env: NodeJS.ProcessEnv,
  overrides: GatewaySettingsOverrides,
  host: GatewaySettingsHost = {},
): GatewaySettings {
  const gateway = config.gateway ?? {};
  if (gateway.mode === 'remote') {
    throw new GatewaySettingsError('Gateway start blocked: set gateway.mode=local (this config file is for a client of a remote gateway)');
  }
  const warnings: string[] = [];
  const port = resolvePort(config, env, overrides.port, warnings);
  const bind = resolveBind(config, overrides.bind);
  const listenHost = hostFor(bind, config, host);
  const auth = readAuthSettings(config, env, overrides, warnings);
  if (auth.mode === 'none' && !isLoopbackHost(listenHost)) {
    throw new GatewaySettingsError(`refusing to bind gateway to ${listenHost} without auth (set gateway.auth.mode to token or password)`);
  }
  const logging = config.logging ?? {};
  return {
    port,
    bind,
    host: listenHost,
    auth,
    controlUi: {
      enabled: gateway.controlUi?.enabled ?? true,
      basePath: normalizeBasePath(gateway.controlUi?.basePath),
      ...(gateway.controlUi?.root ? { root: expandHome(gateway.controlUi.root) } : {}),
      allowedOrigins: (gateway.controlUi?.allowedOrigins ?? []).map(normalizeOrigin),
    },
    tls: {
      enabled: gateway.tls?.enabled ?? false,
      autoGenerate: gateway.tls?.autoGenerate ?? true,
      certPath: expandHome(gateway.tls?.certPath ?? path.join(resolveStateDir(env), 'gateway', 'tls', 'gateway-cert.pem')),
      keyPath: expandHome(gateway.tls?.keyPath ?? path.join(resolveStateDir(env), 'gateway', 'tls', 'gateway-key.pem')),
      ...(gateway.tls?.caPath ? { caPath: expandHome(gateway.tls.caPath) } : {}),
    },
    proxies: { trustedProxies: gateway.trustedProxies ?? [], allowRealIpFallback: gateway.allowRealIpFallback ?? false },
    logging: {
      level: logLevel(env, logging.level, warnings),
      consoleLevel: logLevel(env, logging.consoleLevel, []),
      file: logging.file ?? defaultLogFile(resolveStateDir(env)),
      maxFileBytes: logging.maxFileBytes ?? 104_857_600,
      consoleStyle: logging.consoleStyle ?? ((host.stdoutIsTTY ?? process.stdout.isTTY) ? 'pretty' : 'json'),
      ...(logging.redactPatterns ? { redactPatterns: logging.redactPatterns } : {}),
    },
    compat: {
      bareHandshake: envSwitch(env, 'GATEHOUSE_COMPAT_BARE_HANDSHAKE', gateway.compat?.bareHandshake ?? true),
      legacyLoopbackSignature: envSwitch(env, 'GATEHOUSE_COMPAT_LEGACY_LOOPBACK_SIGNATURE', gateway.compat?.legacyLoopbackSignature ?? true),
      ownTailnetLocal: envSwitch(env, 'GATEHOUSE_PAIRING_OWN_TAILNET_LOCAL', gateway.pairing?.treatOwnTailnetAsLocal ?? false),
    },
    reloadMode: gateway.reload?.mode ?? 'hybrid',
    warnings,
  };
}
