import type { GatehouseConfig } from './schema/root.js';

/** One validation finding, as `config.get` reports it (config.md §1.2). */
export interface ConfigIssue {
  /** Dot path such as `gateway.port` or `models.providers.local.models.0.name`; '' for the whole file. */
  path: string;
  message: string;
  allowedValues?: string[];
}

export interface LoadedConfig {
  path: string;
  exists: boolean;
  /** File text as on disk (null when missing). */
  raw: string | null;
  /** `hmac-sha256:v1:<base64url>` of the raw bytes, keyed per install; null when the file is missing. */
  hash: string | null;
  valid: boolean;
  issues: ConfigIssue[];
  warnings: string[];
  /** Legacy keys that were mapped in memory (§1.6); their messages are also in `warnings`. */
  legacyIssues: ConfigIssue[];
  /** Parsed JSON5, unsubstituted. */
  authored: unknown | null;
  /** After `${VAR}` substitution and legacy mapping. */
  resolved: unknown | null;
  /** Token of `resolved` (same keyed HMAC as `hash`); null when there is nothing resolved. */
  revisionHash: string | null;
  /**
   * Effective config with defaults; when invalid, defaults only. Secret fields hold the
   * resolved plaintext, or — when the secret could not be resolved — a SecretRef object
   * naming where it should have come from (see `isResolvedSecret`).
   */
  config: GatehouseConfig;
  /**
   * The environment the config was resolved against: the caller's env, then
   * `<stateDir>/.env`, then `env.vars`, none overriding an earlier one (§1.3). Pass it to
   * `resolveGatewaySettings` and `resolveAgentRoster` so env fallbacks see the same values.
   */
  env: Readonly<Record<string, string>>;
}
