import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SkillStatusEntry } from '../../../shared/protocol/skills/results.js';
import type { SkillInstallSpec } from './skill-metadata.js';
import type { LoadedSkill } from './skill-sources.js';

// Eligibility (openclaw-families.md §6, OpenClaw src/agents/skills-status.ts):
// - not `skills.entries.<key>.enabled: false`, and not a bundled skill left out of `skills.allowBundled`;
// - then, unless `always`: every `requires.bins` on PATH or on a connected node; some `anyBins`;
//   every `env` set (process, the entry's env, or its `apiKey` for the `primaryEnv`); every
//   `config` path truthy; the OS among `os`.

export interface SkillEntryConfig {
  enabled?: boolean;
  apiKey?: unknown;
  env?: Record<string, string>;
}

export interface EligibilityInputs {
  /** `skills.entries`, by skill key. */
  entries: Readonly<Record<string, SkillEntryConfig>>;
  allowBundled: readonly string[] | undefined;
  /** The gateway's environment. */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Is this executable on PATH here? */
  hasLocalBin(bin: string): boolean;
  /** Bins connected nodes reported having, and their platforms. */
  remote: { bins: ReadonlySet<string>; platforms: ReadonlySet<string> };
  /** The effective config, for `requires.config` paths. */
  config: unknown;
  /** Installers on this machine (`brew`, `npm`, ...), for the preferred install option. */
  installerAvailable(kind: SkillInstallSpec['kind']): boolean;
  preferBrew: boolean;
}

function ownValue(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null && Object.hasOwn(source, key) ? (source as Record<string, unknown>)[key] : undefined;
}

/** A dotted path of the config, read through own keys only. */
export function configPathTruthy(config: unknown, path: string): boolean {
  let node: unknown = config;
  for (const segment of path.split('.')) node = ownValue(node, segment);
  if (Array.isArray(node)) return node.length > 0;
  if (typeof node === 'object' && node !== null) return Object.keys(node).length > 0;
  return Boolean(node);
}

/** Looks for `bin` in the PATH of `env` (with PATHEXT on Windows); only executable files count. */
export function binOnPath(bin: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  const pathValue = env.PATH ?? env.Path ?? '';
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  for (const dir of pathValue.split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, bin + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (platform !== 'win32') accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/** Preferred installer order (openclaw-families.md §6: uv > node > brew > go), download last. */
const INSTALL_ORDER: readonly SkillInstallSpec['kind'][] = ['uv', 'node', 'brew', 'go', 'download'];

/** The options that apply to this OS, best first; brew first when `skills.install.preferBrew`. */
export function rankedInstallOptions(skill: LoadedSkill, inputs: Pick<EligibilityInputs, 'platform' | 'installerAvailable' | 'preferBrew'>): SkillInstallSpec[] {
  const order = inputs.preferBrew ? ['brew', ...INSTALL_ORDER.filter((kind) => kind !== 'brew')] : INSTALL_ORDER;
  const forThisOs = skill.metadata.install.filter((spec) => spec.os.length === 0 || spec.os.includes(inputs.platform));
  const rank = (spec: SkillInstallSpec) => (inputs.installerAvailable(spec.kind) ? 0 : 10) + order.indexOf(spec.kind);
  return [...forThisOs].sort((a, b) => rank(a) - rank(b));
}

/** One skill's row of `skills.status`. */
export function skillStatus(skill: LoadedSkill, inputs: EligibilityInputs): SkillStatusEntry {
  const { metadata } = skill;
  const entry: SkillEntryConfig = Object.hasOwn(inputs.entries, skill.skillKey) ? (inputs.entries[skill.skillKey] ?? {}) : {};
  const disabled = entry.enabled === false;
  const bundled = skill.source === 'openclaw-bundled';
  const allow = inputs.allowBundled ?? [];
  const blockedByAllowlist = bundled && allow.length > 0 && !allow.includes(skill.skillKey) && !allow.includes(skill.name);
  const hasBin = (bin: string) => inputs.hasLocalBin(bin) || inputs.remote.bins.has(bin);
  const envSet = (name: string) =>
    Boolean(inputs.env[name]) ||
    Boolean(entry.env && Object.hasOwn(entry.env, name) && entry.env[name]) ||
    (metadata.primaryEnv === name && typeof entry.apiKey === 'string' && entry.apiKey !== '');
  const requires = metadata.requires;
  const configChecks = requires.config.map((path) => ({ path, satisfied: configPathTruthy(inputs.config, path) }));
  const osOk = metadata.os.length === 0 || metadata.os.includes(inputs.platform) || metadata.os.some((os) => inputs.remote.platforms.has(os));
  const missing = metadata.always
    ? { bins: [], anyBins: [], env: [], config: [], os: [] }
    : {
        bins: requires.bins.filter((bin) => !hasBin(bin)),
        anyBins: requires.anyBins.length > 0 && !requires.anyBins.some(hasBin) ? [...requires.anyBins] : [],
        env: requires.env.filter((name) => !envSet(name)),
        config: configChecks.filter((check) => !check.satisfied).map((check) => check.path),
        os: osOk ? [] : [...metadata.os],
      };
  const satisfied = Object.values(missing).every((list) => list.length === 0);
  const needsInstall = missing.bins.length > 0 || missing.anyBins.length > 0;
  const preferred = needsInstall ? rankedInstallOptions(skill, inputs)[0] : undefined;
  return {
    name: skill.name,
    description: skill.description,
    source: skill.source,
    bundled,
    filePath: skill.filePath,
    baseDir: skill.baseDir,
    skillKey: skill.skillKey,
    ...(metadata.primaryEnv ? { primaryEnv: metadata.primaryEnv } : {}),
    ...(metadata.emoji ? { emoji: metadata.emoji } : {}),
    ...(skill.homepage ? { homepage: skill.homepage } : {}),
    always: metadata.always,
    disabled,
    blockedByAllowlist,
    eligible: !disabled && !blockedByAllowlist && (metadata.always || satisfied),
    requirements: { bins: [...requires.bins], anyBins: [...requires.anyBins], env: [...requires.env], config: [...requires.config], os: [...metadata.os] },
    missing,
    configChecks,
    install: preferred ? [{ id: preferred.id, kind: preferred.kind, label: preferred.label, bins: [...preferred.bins] }] : [],
  };
}
