import { SKILL_NAME_PATTERN, SkillFileError } from './skill-file-errors.js';

// The `metadata` object of a SKILL.md (openclaw-families.md §6): under `openclaw` (v4),
// `clawdbot` or `moltbot` (v3): always, emoji, skillKey, primaryEnv, os[],
// requires{bins, anyBins, env, config}, install[{id, kind, label, bins, os, formula|package|module|url}].
// Read field by field into fresh objects: unknown keys (`__proto__` too) never get through.

export const INSTALL_KINDS = ['brew', 'node', 'go', 'uv', 'download'] as const;
export type InstallKind = (typeof INSTALL_KINDS)[number];

export interface SkillInstallSpec {
  id: string;
  kind: InstallKind;
  label: string;
  bins: string[];
  os: string[];
  /** brew: formula; node/uv: package; go: module; download: url. */
  target: string;
}

export interface SkillRequirements {
  bins: string[];
  anyBins: string[];
  env: string[];
  config: string[];
}

export interface SkillMetadata {
  always: boolean;
  emoji?: string;
  skillKey?: string;
  primaryEnv?: string;
  os: string[];
  requires: SkillRequirements;
  install: SkillInstallSpec[];
}

const MAX_LIST = 64;
/** What a bin may be called: a file name, never a path or an option. */
export const BIN_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const CONFIG_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,15}$/;
const OS_NAMES = new Set(['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'sunos', 'aix', 'android']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function own(source: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}

/** A list of names; a single string counts as a list of one. Bad entries are an error, not dropped. */
function names(value: unknown, what: string, pattern: RegExp): string[] {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list)) throw new SkillFileError(`metadata ${what} must be a list of strings`);
  if (list.length > MAX_LIST) throw new SkillFileError(`metadata ${what} lists more than ${MAX_LIST} entries`);
  return [
    ...new Set(
      list.map((item) => {
        if (typeof item !== 'string' || !pattern.test(item)) throw new SkillFileError(`metadata ${what} has an invalid entry ${JSON.stringify(item)?.slice(0, 64)}`);
        return item;
      }),
    ),
  ];
}

function text(value: unknown, what: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max) throw new SkillFileError(`metadata ${what} must be a string of at most ${max} characters`);
  return value.trim() || undefined;
}

function installSpec(value: unknown, index: number): SkillInstallSpec {
  const spec = record(value);
  if (!spec) throw new SkillFileError(`metadata install[${index}] must be an object`);
  const kind = own(spec, 'kind');
  if (typeof kind !== 'string' || !(INSTALL_KINDS as readonly string[]).includes(kind)) {
    throw new SkillFileError(`metadata install[${index}].kind must be one of ${INSTALL_KINDS.join(', ')}`);
  }
  const targetKey = { brew: 'formula', node: 'package', go: 'module', uv: 'package', download: 'url' }[kind as InstallKind];
  const target = text(own(spec, targetKey), `install[${index}].${targetKey}`, 2_048);
  if (!target) throw new SkillFileError(`metadata install[${index}] (${kind}) needs "${targetKey}"`);
  const id = text(own(spec, 'id'), `install[${index}].id`, 128) ?? `${kind}-${index}`;
  if (!SKILL_NAME_PATTERN.test(id)) throw new SkillFileError(`metadata install[${index}].id may hold only letters, digits, ".", "_" and "-"`);
  return {
    id,
    kind: kind as InstallKind,
    label: text(own(spec, 'label'), `install[${index}].label`, 200) ?? `Install ${target} (${kind})`,
    bins: names(own(spec, 'bins'), `install[${index}].bins`, BIN_NAME_PATTERN),
    os: names(own(spec, 'os'), `install[${index}].os`, /^[a-z0-9]{1,16}$/),
    target,
  };
}

/** The skill's block of the metadata object; `undefined` (no metadata) is a skill without requirements. */
export function parseSkillMetadata(value: unknown): SkillMetadata {
  const empty: SkillMetadata = { always: false, os: [], requires: { bins: [], anyBins: [], env: [], config: [] }, install: [] };
  if (value === undefined) return empty;
  const root = record(value);
  if (!root) throw new SkillFileError('"metadata" must be an object');
  const block = record(own(root, 'openclaw')) ?? record(own(root, 'clawdbot')) ?? record(own(root, 'moltbot'));
  if (!block) return empty;
  const requires = record(own(block, 'requires')) ?? {};
  const always = own(block, 'always');
  const skillKey = text(own(block, 'skillKey'), 'skillKey', 128);
  if (skillKey !== undefined && !SKILL_NAME_PATTERN.test(skillKey)) throw new SkillFileError('metadata skillKey may hold only letters, digits, ".", "_" and "-"');
  const primaryEnv = text(own(block, 'primaryEnv'), 'primaryEnv', 128);
  if (primaryEnv !== undefined && !ENV_NAME.test(primaryEnv)) throw new SkillFileError('metadata primaryEnv must be an environment variable name');
  const emoji = text(own(block, 'emoji'), 'emoji', 16);
  const installs = own(block, 'install');
  if (installs !== undefined && (!Array.isArray(installs) || installs.length > 16)) throw new SkillFileError('metadata install must be a list of at most 16 options');
  const os = names(own(block, 'os'), 'os', /^[a-z0-9]{1,16}$/);
  for (const name of os) if (!OS_NAMES.has(name)) throw new SkillFileError(`metadata os names an unknown platform "${name}" (darwin, linux, win32, ...)`);
  return {
    always: always === true || always === 'true',
    ...(emoji ? { emoji } : {}),
    ...(skillKey ? { skillKey } : {}),
    ...(primaryEnv ? { primaryEnv } : {}),
    os,
    requires: {
      bins: names(own(requires, 'bins'), 'requires.bins', BIN_NAME_PATTERN),
      anyBins: names(own(requires, 'anyBins'), 'requires.anyBins', BIN_NAME_PATTERN),
      env: names(own(requires, 'env'), 'requires.env', ENV_NAME),
      config: names(own(requires, 'config'), 'requires.config', CONFIG_PATH),
    },
    install: ((installs as unknown[] | undefined) ?? []).map(installSpec),
  };
}
