import type { ConfigGetResult } from '../../../shared/protocol/config/results.js';
import { isPlainObject } from './object-paths.js';
import { redactRawText } from './raw-redaction.js';
import { redactConfigValue } from './redaction.js';
import type { LoadedConfig } from './types.js';

export interface ConfigGetOptions {
  /** Revision token of the config the runtime actually applied, when it differs from `loaded`. */
  appliedRevisionHash?: string | null;
}


/** The `config.get` result (config.md §1.7 table), every secret redacted. */
export function configGetPayload(loaded: LoadedConfig, options: ConfigGetOptions = {}): ConfigGetResult {
  const resolved = loaded.resolved === null ? {} : redactConfigValue(loaded.resolved);
  const redacted = loaded.valid ? redactConfigValue(loaded.config) : {};
  // The config is an object and redaction keeps its shape.
  const effective = isPlainObject(redacted) ? redacted : {};
  return {
    path: loaded.path,
    exists: loaded.exists,
    raw: loaded.valid && loaded.raw !== null ? redactRawText(loaded.raw, loaded.authored) : null,
    parsed: loaded.valid ? redactConfigValue(loaded.authored ?? {}) : null,
    sourceConfig: resolved,
    resolved,
    config: effective,
    runtimeConfig: effective,
    valid: loaded.valid,
    issues: loaded.issues,
    warnings: loaded.warnings,
    legacyIssues: loaded.legacyIssues,
    hash: loaded.hash,
    configRevisionHash: loaded.revisionHash,
    appliedConfigHash: options.appliedRevisionHash === undefined ? loaded.revisionHash : options.appliedRevisionHash,
    // Gatehouse rejects $include (§1.5), so nothing is ever owned by an included file.
    includedPaths: [],
    includeProvenance: [],
    agentRosterIncludeOwned: false,
    bindingsIncludeOwned: false,
  };
}
