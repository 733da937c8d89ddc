import { GatewaySettingsError } from './errors.js';
import { readEnvTwin } from './env-twins.js';
import type { AuthMode, GatewaySettings, GatewaySettingsOverrides } from './gateway-settings.js';
import { AUTH_MODES } from './schema/gateway.js';
import type { GatehouseConfig } from './schema/root.js';
import { REDACTED_SENTINEL, isResolvedSecret } from './secret-refs.js';

// config.md §2.2: which shared secret the gateway compares, and where it comes from.

type Credential = 'token' | 'password';

const ENV_NAMES: Record<Credential, [gatehouse: string, openclaw: string, legacy: string]> = {
  // CLAWDBOT_* is read on purpose: the product issue asks for the legacy alias even though
  // config.md §1.1 says OpenClaw ignores it.
  token: ['GATEHOUSE_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_TOKEN', 'CLAWDBOT_GATEWAY_TOKEN'],
  password: ['GATEHOUSE_GATEWAY_PASSWORD', 'OPENCLAW_GATEWAY_PASSWORD', 'CLAWDBOT_GATEWAY_PASSWORD'],
};

/** Override > config (secret input) > env. A configured but unavailable secret does not fall back to env (fail closed, §1.3). */
function resolveCredential(
  which: Credential,
  config: GatehouseConfig,
  env: NodeJS.ProcessEnv,
  override: string | undefined,
  warnings: string[],
): string | undefined {
  if (override !== undefined && override !== '') return override;
  const configured = config.gateway?.auth?.[which];
  if (configured !== undefined) {
    if (isResolvedSecret(configured)) return configured;
    warnings.push(`gateway.auth.${which} is configured but could not be resolved; not falling back to ${ENV_NAMES[which][0]}`);
    return undefined;
  }
  const [gatehouse, openclaw, legacy] = ENV_NAMES[which];
  return readEnvTwin(env, gatehouse, openclaw, warnings, legacy)?.value;
}

function parseMode(value: string, source: string): AuthMode {
  if ((AUTH_MODES as readonly string[]).includes(value)) return value as AuthMode;
  throw new GatewaySettingsError(`${source} must be one of ${AUTH_MODES.join(', ')} (got "${value}")`);
}

export function readAuthSettings(
  config: GatehouseConfig,
  env: NodeJS.ProcessEnv,
  overrides: GatewaySettingsOverrides,
  warnings: string[],
): GatewaySettings['auth'] {
  const auth = config.gateway?.auth ?? {};
  const token = resolveCredential('token', config, env, overrides.token, warnings);
  const password = resolveCredential('password', config, env, overrides.password, warnings);
  for (const [which, value] of [['token', token], ['password', password]] as const) {
    if (value === REDACTED_SENTINEL) {
      throw new GatewaySettingsError(`the gateway ${which} is "${REDACTED_SENTINEL}" (the placeholder config.get shows); set the real ${which}`);
    }
  }

  let mode: AuthMode;
  if (overrides.authMode !== undefined) mode = parseMode(overrides.authMode, '--auth');
  else if (auth.mode !== undefined) mode = auth.mode;
  else if (token !== undefined && password !== undefined) {
    throw new GatewaySettingsError('both a gateway token and a password are configured but gateway.auth.mode is not set; set gateway.auth.mode to "token" or "password"');
  } else mode = password !== undefined ? 'password' : 'token';

  if (mode === 'password' && password === undefined) {
    throw new GatewaySettingsError('gateway auth mode is password, but no password was configured (set gateway.auth.password or GATEHOUSE_GATEWAY_PASSWORD)');
  }
  const rateLimit = {
    maxAttempts: auth.rateLimit?.maxAttempts ?? 10,
    windowMs: auth.rateLimit?.windowMs ?? 60_000,
    lockoutMs: auth.rateLimit?.lockoutMs ?? 300_000,
    exemptLoopback: auth.rateLimit?.exemptLoopback ?? true,
  };
  if (mode === 'token') return token === undefined ? { mode, rateLimit } : { mode, token, rateLimit };
  if (mode === 'password' && password !== undefined) return { mode, password, rateLimit };
  return { mode, rateLimit };
}
