// The gateway's configuration subsystem (shared/spec/config.md): locate, load and validate
// the JSON5 file, answer the config RPCs, write changes safely, and derive the settings the
// daemon runs with.

export type { ConfigIssue, LoadedConfig } from './types.js';
export { GatehouseConfigSchema, type GatehouseConfig } from './schema/root.js';
export { resolveConfigPath, resolveStateDir } from './state-paths.js';
export { loadConfig } from './load-config.js';
export { configGetPayload, type ConfigGetOptions } from './config-get.js';
export { configSchemaPayload } from './config-schema-payload.js';
export { ConfigWriteError, GatewaySettingsError, type ConfigWriteErrorCode } from './errors.js';
export { patchConfig, setConfig } from './config-write.js';
export { restartRequired, reloadActionFor } from './restart-rules.js';
export { changedConfigPaths } from './changed-paths.js';
export {
  resolveGatewaySettings,
  type AuthMode,
  type BindMode,
  type GatewaySettings,
  type GatewaySettingsHost,
  type GatewaySettingsOverrides,
} from './gateway-settings.js';
export { resolveAgentRoster, type AgentRoster, type RosterAgent } from './agent-roster.js';
export { REDACTED_SENTINEL, isResolvedSecret, type SecretRef } from './secret-refs.js';
