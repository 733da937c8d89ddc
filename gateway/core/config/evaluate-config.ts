import JSON5 from 'json5';
import { compileSchema } from '../../../shared/protocol/validate.js';
import { applyDefaults, defaultsOnly } from './apply-defaults.js';
import { canonicalJson, configHashKey, hmacToken } from './config-hash.js';
import { configEnvVars, mergeEnvSources, readStateDotEnv } from './env-sources.js';
import { substituteEnv } from './env-substitution.js';
import { findIncludeDirectives, findPrototypeKeys } from './forbidden-keys.js';
import { schemaNode } from './json-schema-view.js';
import { mapLegacyKeys } from './legacy-keys.js';
import { isPlainObject } from './object-paths.js';
import { checkConfigRules } from './rules/index.js';
import { GatehouseConfigSchema, SILENT_IGNORED_PATHS, type GatehouseConfig } from './schema/root.js';
import { resolveSecretInputs } from './secret-resolution.js';
import type { ConfigIssue, LoadedConfig } from './types.js';
import { validateStructure } from './validate-structure.js';

// The load pipeline of config.md §1: parse → legacy mapping → ${VAR} substitution →
// schema → cross-field rules → secrets → defaults. Used for the file on disk and for a
// candidate text before it is written.

const configValidator = compileSchema(GatehouseConfigSchema);

export interface ConfigSource {
  path: string;
  /** File bytes, or null when the file does not exist. */
  bytes: Buffer | null;
  /** A problem reading the file (not a regular file, unreadable…). */
  readIssue?: ConfigIssue;
  stateDir: string;
  env: NodeJS.ProcessEnv;
}

interface Stage {
  issues: ConfigIssue[];
  warnings: string[];
}

export async function evaluateConfig(source: ConfigSource): Promise<LoadedConfig> {
  const stage: Stage = { issues: source.readIssue ? [source.readIssue] : [], warnings: [] };
  const dotEnv = await readStateDotEnv(source.stateDir);
  if (dotEnv.warning) stage.warnings.push(dotEnv.warning);

  const raw = source.bytes === null ? null : source.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const authored = raw === null ? null : parseAuthored(raw, stage);
  const env = mergeEnvSources(source.env, dotEnv.vars, configEnvVars(authored));
  const key = source.bytes === null ? null : await configHashKey(source.stateDir);

  const loaded: LoadedConfig = {
    path: source.path,
    exists: source.bytes !== null,
    raw,
    hash: key && source.bytes ? hmacToken(key, source.bytes) : null,
    valid: false,
    issues: stage.issues,
    warnings: stage.warnings,
    legacyIssues: [],
    authored,
    resolved: null,
    revisionHash: null,
    config: defaultsOnly({ stateDir: source.stateDir, env }),
    env,
  };
  if (authored === null || stage.issues.length > 0) {
    loaded.valid = stage.issues.length === 0;
    return loaded;
  }

  const legacy = mapLegacyKeys(authored);
  loaded.legacyIssues = legacy.legacy;
  stage.warnings.push(...legacy.legacy.map((entry) => `${entry.path}: ${entry.message}`));
  stage.issues.push(...legacy.issues);

  const substituted = substituteEnv(legacy.value, env);
  loaded.resolved = substituted.value;
  loaded.revisionHash = key ? hmacToken(key, canonicalJson(substituted.value)) : null;
  stage.warnings.push(...substituted.warnings);

  const structure = validateStructure(schemaNode(GatehouseConfigSchema), substituted.value, {
    strict: env.GATEHOUSE_CONFIG_STRICT === '1',
    silentIgnoredPaths: SILENT_IGNORED_PATHS,
  });
  stage.issues.push(...structure.issues);
  stage.warnings.push(...structure.warnings);
  if (stage.issues.length > 0) return finish(loaded);

  // The structural walk and the compiled TypeBox validator read the same schema; this guards
  // against the walk missing a keyword the schema uses.
  if (!configValidator.check(structure.value)) {
    stage.issues.push({ path: '', message: `does not match the config schema: ${configValidator.firstError(structure.value)}` });
    return finish(loaded);
  }
  const checked: GatehouseConfig = structure.value;
  const rules = checkConfigRules(checked);
  stage.issues.push(...rules.issues);
  stage.warnings.push(...rules.warnings);
  if (stage.issues.length > 0) return finish(loaded);

  const secrets = await resolveSecretInputs(checked, { env, unavailable: substituted.unavailable });
  stage.warnings.push(...secrets.warnings);
  loaded.config = applyDefaults(secrets.config, { stateDir: source.stateDir, env, unavailable: substituted.unavailable });
  return finish(loaded);
}

function finish(loaded: LoadedConfig): LoadedConfig {
  loaded.valid = loaded.issues.length === 0;
  return loaded;
}

function parseAuthored(raw: string, stage: Stage): unknown | null {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(raw);
  } catch (error) {
    stage.issues.push({ path: '', message: `the file is not valid JSON5: ${(error as Error).message}` });
    return null;
  }
  if (!isPlainObject(parsed)) {
    stage.issues.push({ path: '', message: 'the file must contain an object at the top level, e.g. { gateway: { mode: "local" } }' });
    return null;
  }
  stage.issues.push(...findIncludeDirectives(parsed), ...findPrototypeKeys(parsed));
  return parsed;
}
