// Straight from the files, not the config barrel: `call` should not load the config writers.
import { loadConfig } from '../core/config/load-config.js';
import { resolveGatewaySettings } from '../core/config/gateway-settings.js';
import { resolveConfigPath, resolveStateDir } from '../core/config/state-paths.js';
import { readGatewayToken } from '../../shared/gateway-host/token-file.js';
import { certificateFingerprint } from '../../shared/gateway-host/tls-fingerprint.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_PORT } from '../../shared/protocol/limits.js';

export interface ConnectionTarget {
  url: string;
  token?: string;
  password?: string;
  /** Pin for a `wss://` URL: the fingerprint of the local gateway's certificate file. */
  tlsFingerprint?: string;
  /** Where the Control UI is served (gateway.controlUi.basePath). */
  controlUiBasePath: string;
}

/** The local certificate's fingerprint, or undefined when the file cannot be read (the connect then says why). */
function localFingerprint(certPath: string): string | undefined {
  try {
    return certificateFingerprint(readFileSync(certPath));
  } catch {
    return undefined;
  }
}

/** Where the local gateway is and how to authenticate to it, as the gateway itself would decide. */
export async function localTarget(options: {
  stateDir?: string;
  config?: string;
  url?: string;
  token?: string;
  password?: string;
}): Promise<ConnectionTarget> {
  const env = process.env;
  const stateDir = options.stateDir ?? resolveStateDir(env);
  const path = resolveConfigPath({ cliPath: options.config, env, stateDir });
  const loaded = await loadConfig({ path, stateDir, env });
  let settings;
  try {
    settings = resolveGatewaySettings(loaded.config, env, {});
  } catch {
    settings = undefined;
  }
  const port = settings?.port ?? DEFAULT_PORT;
  const host = settings && settings.host !== '0.0.0.0' ? settings.host : '127.0.0.1';
  const tls = settings?.tls.enabled ? settings.tls : undefined;
  const fingerprint = tls ? localFingerprint(tls.certPath) : undefined;
  return {
    url: options.url ?? `${tls ? 'wss' : 'ws'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    token: options.token ?? settings?.auth.token ?? readGatewayToken(stateDir),
    password: options.password ?? settings?.auth.password,
    ...(fingerprint ? { tlsFingerprint: fingerprint } : {}),
    controlUiBasePath: settings?.controlUi.basePath ?? '/',
  };
}
