import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { Logger } from 'pino';
import type { SkillStatusEntry } from '../../../shared/protocol/skills/results.js';
import type { FeatureContext } from '../../composition/feature-context.js';
import { binOnPath, skillStatus, type EligibilityInputs, type SkillEntryConfig } from './skill-eligibility.js';
import { installerCommand } from './skill-installer.js';
import { SkillDirWatch } from './skill-dir-watch.js';
import { skillFileParserReady } from './skill-file.js';
import { mergeSkillScans, scanSkillDir, type DirScan, type LoadedSkill, type SkillDir } from './skill-sources.js';
import { availableSkillsBlock } from './skills-prompt.js';

// The skills a workspace sees, their eligibility and their prompt block. Folders are read once
// and kept until the watch says they changed (or on every read with skills.load.watch: false).

const DEFAULT_DEBOUNCE_MS = 250;
/**
 * A cached prompt block is rebuilt after this long even without a change: eligibility looks for
 * `requires.bins` on PATH, and an installed (or removed) executable fires no event.
 */
export const BIN_RECHECK_MS = 30_000;

export interface SkillsServiceDeps {
  config: FeatureContext['config'];
  logger: Logger;
  bundledDir: string | undefined;
  remote: { bins(): ReadonlySet<string>; platforms(): ReadonlySet<string> };
  platform?: NodeJS.Platform;
  now?: () => number;
}

type LoadedConfig = ReturnType<FeatureContext['config']['current']>;

/** A workspace's prompt block and what it was built from. */
interface CachedBlock {
  block: string;
  /** The adopted config (skills.*, env, `requires.config` paths): a new one means a new object. */
  loaded: LoadedConfig;
  remote: string;
  builtAt: number;
}

type SkillsConfig = NonNullable<ReturnType<FeatureContext['config']['current']>['config']['skills']>;

export class SkillsService {
  private readonly scans = new Map<string, DirScan>();
  private readonly watch: SkillDirWatch;
  // Every agent turn asks for the block; it is built once and kept until a folder, the config or
  // the connected nodes' bins change, or BIN_RECHECK_MS passes.
  private readonly blocks = new Map<string, CachedBlock>();
  /** dirsFor's answer per workspace, with the config it was made from (path work on every turn otherwise). */
  private readonly dirLists = new Map<string, { loaded: LoadedConfig; dirs: readonly SkillDir[] }>();
  private stopped = false;

  constructor(private readonly deps: SkillsServiceDeps) {
    this.watch = new SkillDirWatch(
      () => this.settings().load?.watchDebounceMs ?? DEFAULT_DEBOUNCE_MS,
      (dir) => this.reload(dir),
      new Set([deps.config.stateDir, resolve(deps.config.stateDir)]),
    );
  }

  private settings(): SkillsConfig {
    return this.deps.config.current().config.skills ?? {};
  }

  private get env(): NodeJS.ProcessEnv {
    return this.deps.config.current().env;
  }

  get managedDir(): string {
    return join(this.deps.config.stateDir, 'skills');
  }

  /** The folders a workspace's skills come from, lowest precedence first; the same list until the config is replaced. */
  dirsFor(workspace: string): readonly SkillDir[] {
    const loaded = this.deps.config.current();
    const kept = this.dirLists.get(workspace);
    if (kept?.loaded === loaded) return kept.dirs;
    const extra = (this.settings().load?.extraDirs ?? []).map((dir) => resolve(dir.startsWith('~') ? join(this.env.HOME ?? homedir(), dir.slice(1)) : dir));
    const dirs = [
      ...extra.map((dir) => ({ dir, source: 'openclaw-extra' as const })),
      ...(this.deps.bundledDir ? [{ dir: this.deps.bundledDir, source: 'openclaw-bundled' as const }] : []),
      { dir: this.managedDir, source: 'openclaw-managed' as const },
      { dir: join(workspace, 'skills'), source: 'openclaw-workspace' as const },
    ];
    this.dirLists.set(workspace, { loaded, dirs });
    return dirs;
  }

  private scan(skillDir: SkillDir): DirScan {
    const key = `${skillDir.source}\0${skillDir.dir}`;
    const watching = this.settings().load?.watch !== false && !this.stopped;
    const cached = this.scans.get(key);
    if (cached && watching && this.watch.watching(skillDir.dir)) return cached;
    const scan = scanSkillDir(skillDir);
    // A scan made before the parser loaded is not kept: the next look reads the files properly.
    if (watching && skillFileParserReady() && this.watch.add(skillDir.dir)) this.scans.set(key, scan);
    return scan;
  }

  private reload(dir: string): void {
    this.blocks.clear();
    for (const key of [...this.scans.keys()]) {
      if (!key.endsWith(`\0${dir}`)) continue;
      this.scans.delete(key);
      const source = key.slice(0, key.indexOf('\0')) as SkillDir['source'];
      const scan = this.scan({ dir, source });
      this.deps.logger.info({ dir, skills: scan.skills.length }, 'skills folder changed; reloaded');
      for (const problem of scan.problems) this.deps.logger.warn(problem, 'skill file skipped');
    }
  }

  /** Every skill of a workspace, the winner of each name, and the files that could not load. */
  load(workspace: string): DirScan {
    return mergeSkillScans(this.dirsFor(workspace).map((dir) => this.scan(dir)));
  }

  private inputs(): EligibilityInputs {
    const { config } = this.deps.config.current();
    const settings = this.settings();
    const env = this.env;
    const platform = this.deps.platform ?? process.platform;
    const found = new Map<string, boolean>();
    const hasLocalBin = (bin: string) => {
      let known = found.get(bin);
      if (known === undefined) found.set(bin, (known = binOnPath(bin, env, platform)));
      return known;
    };
    const entries = (settings.entries ?? {}) as Record<string, SkillEntryConfig>;
    return {
      entries,
      allowBundled: settings.allowBundled,
      env,
      platform,
      hasLocalBin,
      remote: { bins: this.deps.remote.bins(), platforms: this.deps.remote.platforms() },
      config,
      preferBrew: settings.install?.preferBrew === true,
      installerAvailable: (kind) => {
        const command = installerCommand(kind, settings.install?.nodeManager);
        return command === undefined ? true : hasLocalBin(command);
      },
    };
  }

  status(workspace: string): { skills: SkillStatusEntry[]; problems: DirScan['problems'] } {
    const loaded = this.load(workspace);
    const inputs = this.inputs();
    return { skills: loaded.skills.map((skill) => skillStatus(skill, inputs)), problems: loaded.problems };
  }

  eligible(workspace: string): LoadedSkill[] {
    const loaded = this.load(workspace);
    const inputs = this.inputs();
    return loaded.skills.filter((skill) => skillStatus(skill, inputs).eligible);
  }

  promptBlock(workspace: string): string {
    const loaded = this.deps.config.current();
    const remote = this.remoteKey();
    const now = (this.deps.now ?? Date.now)();
    const cached = this.blocks.get(workspace);
    if (cached && cached.loaded === loaded && cached.remote === remote && now - cached.builtAt < BIN_RECHECK_MS && this.foldersSettled(workspace)) return cached.block;
    const block = availableSkillsBlock(this.eligible(workspace));
    if (this.foldersSettled(workspace)) this.blocks.set(workspace, { block, loaded, remote, builtAt: now });
    else this.blocks.delete(workspace);
    return block;
  }

  /** Drops every kept prompt block: after skills.install, whose new executable no watch reports. */
  forgetPromptBlocks(): void {
    this.blocks.clear();
  }

  private remoteKey(): string {
    return `${[...this.deps.remote.bins()].sort().join('\0')}|${[...this.deps.remote.platforms()].sort().join('\0')}`;
  }

  /**
   * True when a change to any of the workspace's folders would be heard: each is watched, or does
   * not exist yet and its parent is watched for it (SkillDirWatch.awaitingAppearance). Without the
   * watch nothing is kept.
   */
  private foldersSettled(workspace: string): boolean {
    if (this.stopped || this.settings().load?.watch === false || !skillFileParserReady()) return false;
    return this.dirsFor(workspace).every(({ dir }) => this.watch.watching(dir) || this.watch.awaitingAppearance(dir));
  }

  /** Every bin the skills of every agent workspace name (`skills.bins`). */
  allBins(): string[] {
    const bins = new Set<string>();
    for (const agent of this.deps.config.roster().agents) {
      for (const skill of this.load(agent.workspace).skills) {
        const { requires, install } = skill.metadata;
        for (const bin of [...requires.bins, ...requires.anyBins, ...install.flatMap((spec) => spec.bins)]) bins.add(bin);
      }
    }
    return [...bins].sort();
  }

  stop(): void {
    this.stopped = true;
    this.watch.close();
    this.scans.clear();
    this.blocks.clear();
  }
}
