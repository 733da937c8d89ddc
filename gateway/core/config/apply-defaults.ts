import os from 'node:os';
import path from 'node:path';
import { cloneJson, dotPath, getAt, isPlainObject, type JsonObject } from './object-paths.js';
import { normalizeFingerprint } from './rules/gateway-rules.js';
import { findPathValues } from './schema-annotations.js';
import type { GatehouseConfig } from './schema/root.js';
import { expandHome } from './state-paths.js';
import { DEFAULT_PORT } from '../../../shared/protocol/limits.js';

// The effective config: what each section means when a key is left out (config.md §2–§8).

/**
 * ⟂ config.md §7 names `/tmp/gatehouse/gatehouse-YYYY-MM-DD.log`; Gatehouse logs to
 * `<stateDir>/logs/gatehouse.log` when the file does not set `logging.file`, so that
 * tests and several installs on one machine keep their logs apart.
 */
export function defaultLogFile(stateDir: string): string {
  return path.join(stateDir, 'logs', 'gatehouse.log');
}

function builtInDefaults(stateDir: string): JsonObject {
  return {
    gateway: {
      mode: 'local',
      port: DEFAULT_PORT,
      bind: 'loopback',
      trustedProxies: [],
      allowRealIpFallback: false,
      reload: { mode: 'hybrid' },
      auth: { rateLimit: { maxAttempts: 10, windowMs: 60_000, lockoutMs: 300_000, exemptLoopback: true } },
      controlUi: { enabled: true, basePath: '/', allowedOrigins: [], dangerouslyAllowHostHeaderOriginFallback: false },
      tls: {
        enabled: false,
        autoGenerate: true,
        certPath: path.join(stateDir, 'gateway', 'tls', 'gateway-cert.pem'),
        keyPath: path.join(stateDir, 'gateway', 'tls', 'gateway-key.pem'),
      },
    },
    models: { mode: 'merge', providers: {} },
    agents: {
      defaults: { timeoutSeconds: 172_800, verboseDefault: 'off', maxConcurrent: Math.max(8, 4 * os.availableParallelism()) },
    },
    session: { scope: 'per-sender', dmScope: 'main', groupScope: 'per-group' },
    tools: {
      exec: {
        host: 'auto',
        timeoutSeconds: 1800,
        backgroundMs: 10_000,
        cleanupMs: 1_800_000,
        approvalRunningNoticeMs: 10_000,
        notifyOnExit: true,
        safeBinTrustedDirs: ['/bin', '/usr/bin'],
        strictInlineEval: false,
        commandHighlighting: false,
      },
    },
    cron: { enabled: true, skipMissedJobs: false, triggers: { enabled: true }, sessionRetention: '24h' },
    logging: { level: 'info', consoleLevel: 'info', maxFileBytes: 104_857_600, file: defaultLogFile(stateDir) },
  };
}

/** Config values win; objects merge key by key; arrays and scalars replace. */
function layer(defaults: unknown, config: unknown): unknown {
  if (config === undefined) return cloneJson(defaults);
  if (!isPlainObject(defaults) || !isPlainObject(config)) return config;
  const merged: JsonObject = { ...config };
  for (const [key, value] of Object.entries(defaults)) merged[key] = layer(value, config[key]);
  return merged;
}

function channelDefaults(channels: JsonObject): void {
  const groupPolicy = isPlainObject(channels.defaults) ? channels.defaults.groupPolicy : undefined;
  for (const id of ['telegram', 'discord']) {
    const block = channels[id];
    if (!isPlainObject(block)) continue;
    // Discord's legacy dm.* applies when the envelope keys are unset (docs/channels/discord/access-control.md).
    const legacyDm = id === 'discord' && isPlainObject(block.dm) ? block.dm : {};
    block.enabled ??= true;
    block.dmPolicy ??= legacyDm.policy ?? 'pairing';
    block.allowFrom ??= legacyDm.allowFrom ?? [];
    block.groupPolicy ??= groupPolicy ?? 'allowlist';
  }
}

export interface DefaultsContext {
  stateDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Dot paths whose `${NAME}` could not be resolved: such path fields fall back to their default. */
  unavailable?: ReadonlyMap<string, string>;
}

export function applyDefaults(config: GatehouseConfig, context: DefaultsContext): GatehouseConfig {
  const working = cloneJson(config) as JsonObject;
  for (const { path: fieldPath, value } of findPathValues(working)) {
    const parent = getAt(working, fieldPath.slice(0, -1));
    const key = fieldPath[fieldPath.length - 1];
    if (!isPlainObject(parent) || typeof key !== 'string' || typeof value !== 'string') continue;
    if (context.unavailable?.has(dotPath(fieldPath)) || value.trim() === '') delete parent[key];
    else parent[key] = expandHome(value, context.env);
  }
  const remote = getAt(working, ['gateway', 'remote']);
  if (isPlainObject(remote) && typeof remote.tlsFingerprint === 'string') {
    remote.tlsFingerprint = normalizeFingerprint(remote.tlsFingerprint);
  }
  const effective = layer(builtInDefaults(context.stateDir), working) as JsonObject;
  if (isPlainObject(effective.channels)) channelDefaults(effective.channels);
  return effective as GatehouseConfig;
}

/** What an invalid or missing file runs with. */
export function defaultsOnly(context: DefaultsContext): GatehouseConfig {
  return applyDefaults({}, context);
}
