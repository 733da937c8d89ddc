import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSkillFileParser } from '../../../gateway/features/skills/skill-file.js';
import { binOnPath, skillStatus, type EligibilityInputs } from '../../../gateway/features/skills/skill-eligibility.js';
import { parseSkillFile } from '../../../gateway/features/skills/skill-file.js';
import { mergeSkillScans, scanSkillDir, type LoadedSkill, type SkillSource } from '../../../gateway/features/skills/skill-sources.js';

// The YAML parser loads when the skills feature starts; these tests start it themselves.
beforeAll(loadSkillFileParser);

const root = mkdtempSync(join(tmpdir(), 'skills-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function skill(metadata: object, source: SkillSource = 'openclaw-workspace', name = 'tool'): LoadedSkill {
  const parsed = parseSkillFile(`---\nname: ${name}\ndescription: d\nmetadata: '${JSON.stringify({ openclaw: metadata })}'\n---\nbody`, name);
  return { ...parsed, source, filePath: `/s/${name}/SKILL.md`, baseDir: `/s/${name}`, skillKey: parsed.metadata.skillKey ?? name };
}

function inputs(overrides: Partial<EligibilityInputs> = {}): EligibilityInputs {
  return {
    entries: {},
    allowBundled: undefined,
    env: {},
    platform: 'linux',
    hasLocalBin: (bin) => bin === 'here',
    remote: { bins: new Set(['on-node']), platforms: new Set() },
    config: {},
    installerAvailable: (kind) => kind === 'node',
    preferBrew: false,
    ...overrides,
  };
}

function writeSkill(dir: string, name: string, description: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\n`);
}

describe('skill eligibility', () => {
  it('a skill without requirements is eligible', () => {
    expect(skillStatus(skill({}), inputs())).toMatchObject({ eligible: true, disabled: false, blockedByAllowlist: false, missing: { bins: [], anyBins: [], env: [], config: [], os: [] } });
  });

  it('skills.entries.<key>.enabled: false disables it', () => {
    expect(skillStatus(skill({ skillKey: 'k' }), inputs({ entries: { k: { enabled: false } } }))).toMatchObject({ eligible: false, disabled: true, skillKey: 'k' });
  });

  it('allowBundled blocks bundled skills it does not name, and only bundled ones', () => {
    const allow = inputs({ allowBundled: ['other'] });
    expect(skillStatus(skill({}, 'openclaw-bundled'), allow)).toMatchObject({ eligible: false, blockedByAllowlist: true, bundled: true });
    expect(skillStatus(skill({}, 'openclaw-workspace'), allow)).toMatchObject({ eligible: true, blockedByAllowlist: false });
    expect(skillStatus(skill({}, 'openclaw-bundled'), inputs({ allowBundled: ['tool'] })).eligible).toBe(true);
  });

  it('requires.bins: on PATH or on a connected node; else missing, with the preferred install option', () => {
    expect(skillStatus(skill({ requires: { bins: ['here', 'on-node'] } }), inputs()).eligible).toBe(true);
    const status = skillStatus(
      skill({ requires: { bins: ['here', 'absent'] }, install: [{ id: 'b', kind: 'brew', formula: 'absent', bins: ['absent'] }, { id: 'n', kind: 'node', package: 'absent', bins: ['absent'] }] }),
      inputs(),
    );
    expect(status).toMatchObject({ eligible: false, missing: { bins: ['absent'] }, install: [{ id: 'n', kind: 'node', bins: ['absent'] }] });
  });

  it('anyBins: one of them is enough', () => {
    expect(skillStatus(skill({ requires: { anyBins: ['nope', 'here'] } }), inputs()).eligible).toBe(true);
    expect(skillStatus(skill({ requires: { anyBins: ['nope', 'nada'] } }), inputs()).missing.anyBins).toEqual(['nope', 'nada']);
  });

  it('env: from the gateway, the entry env, or the apiKey for primaryEnv', () => {
    const needsKey = skill({ primaryEnv: 'TOOL_KEY', requires: { env: ['TOOL_KEY'] } });
    expect(skillStatus(needsKey, inputs()).missing.env).toEqual(['TOOL_KEY']);
    expect(skillStatus(needsKey, inputs({ env: { TOOL_KEY: 'x' } })).eligible).toBe(true);
    expect(skillStatus(needsKey, inputs({ entries: { tool: { env: { TOOL_KEY: 'x' } } } })).eligible).toBe(true);
    expect(skillStatus(needsKey, inputs({ entries: { tool: { apiKey: 'sk-1' } } })).eligible).toBe(true);
    // An apiKey counts only for the primaryEnv.
    expect(skillStatus(skill({ primaryEnv: 'OTHER', requires: { env: ['TOOL_KEY'] } }), inputs({ entries: { tool: { apiKey: 'sk-1' } } })).eligible).toBe(false);
  });

  it('config paths must be truthy; checks report the path, never the value', () => {
    const needsConfig = skill({ requires: { config: ['tools.web.enabled', 'a.list'] } });
    const status = skillStatus(needsConfig, inputs({ config: { tools: { web: { enabled: true } }, a: { list: [] } } }));
    expect(status.missing.config).toEqual(['a.list']);
    expect(status.configChecks).toEqual([{ path: 'tools.web.enabled', satisfied: true }, { path: 'a.list', satisfied: false }]);
    expect(skillStatus(skill({ requires: { config: ['constructor.name'] } }), inputs()).missing.config).toEqual(['constructor.name']);
  });

  it('os: this platform or a connected node\'s', () => {
    expect(skillStatus(skill({ os: ['darwin'] }), inputs()).missing.os).toEqual(['darwin']);
    expect(skillStatus(skill({ os: ['linux', 'darwin'] }), inputs()).eligible).toBe(true);
    expect(skillStatus(skill({ os: ['darwin'] }), inputs({ remote: { bins: new Set(), platforms: new Set(['darwin']) } })).eligible).toBe(true);
  });

  it('always skips the requirements, not enabled or the allowlist', () => {
    const always = skill({ always: true, os: ['win32'], requires: { bins: ['absent'], env: ['NOPE'] } });
    expect(skillStatus(always, inputs())).toMatchObject({ eligible: true, missing: { bins: [], env: [], os: [] }, requirements: { bins: ['absent'], env: ['NOPE'], os: ['win32'] } });
    expect(skillStatus(always, inputs({ entries: { tool: { enabled: false } } })).eligible).toBe(false);
  });

  it('finds bins on a PATH only when they are executable files', () => {
    const bin = join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'runnable'), '#!/bin/sh\n');
    chmodSync(join(bin, 'runnable'), 0o755);
    writeFileSync(join(bin, 'plain'), 'x');
    chmodSync(join(bin, 'plain'), 0o644);
    mkdirSync(join(bin, 'folder'), { recursive: true });
    expect(binOnPath('runnable', { PATH: bin }, 'linux')).toBe(true);
    expect(binOnPath('folder', { PATH: bin }, 'linux')).toBe(false);
    expect(binOnPath('missing', { PATH: bin }, 'linux')).toBe(false);
    if (process.getuid?.() !== 0) expect(binOnPath('plain', { PATH: bin }, 'linux')).toBe(false);
  });
});

describe('skill folders and precedence', () => {
  it('extraDirs < bundled < managed < workspace: the later source wins a name', () => {
    const dirs = (['extra', 'bundled', 'managed', 'workspace'] as const).map((name) => join(root, name));
    writeSkill(dirs[0]!, 'shared', 'from extra');
    writeSkill(dirs[0]!, 'only-extra', 'e');
    writeSkill(dirs[1]!, 'shared', 'from bundled');
    writeSkill(dirs[2]!, 'shared', 'from managed');
    writeSkill(dirs[3]!, 'shared', 'from workspace');
    writeSkill(dirs[3]!, 'only-workspace', 'w');
    const sources: SkillSource[] = ['openclaw-extra', 'openclaw-bundled', 'openclaw-managed', 'openclaw-workspace'];
    const merged = mergeSkillScans(dirs.map((dir, index) => scanSkillDir({ dir, source: sources[index]! })));
    expect(merged.skills.map((s) => [s.name, s.description, s.source])).toEqual([
      ['only-extra', 'e', 'openclaw-extra'],
      ['only-workspace', 'w', 'openclaw-workspace'],
      ['shared', 'from workspace', 'openclaw-workspace'],
    ]);
    // Without the workspace copy, the managed one wins.
    const withoutWorkspace = mergeSkillScans(dirs.slice(0, 3).map((dir, index) => scanSkillDir({ dir, source: sources[index]! })));
    expect(withoutWorkspace.skills.find((s) => s.name === 'shared')?.description).toBe('from managed');
  });

  it('reports a bad file and loads the rest; a missing folder has no skills', () => {
    const dir = join(root, 'mixed');
    writeSkill(dir, 'good', 'fine');
    mkdirSync(join(dir, 'bad'), { recursive: true });
    writeFileSync(join(dir, 'bad', 'SKILL.md'), '---\nname: [\n---\n');
    const scan = scanSkillDir({ dir, source: 'openclaw-workspace' });
    expect(scan.skills.map((s) => s.name)).toEqual(['good']);
    expect(scan.problems).toEqual([{ filePath: join(dir, 'bad', 'SKILL.md'), message: expect.stringContaining('not valid YAML') }]);
    expect(scanSkillDir({ dir: join(root, 'nowhere'), source: 'openclaw-extra' })).toEqual({ skills: [], problems: [] });
  });

  it.skipIf(process.platform === 'win32')('skips skill folders and files that link outside their folder', () => {
    const dir = join(root, 'links');
    const outside = join(root, 'outside');
    writeSkill(outside, 'secret', 'outside');
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(outside, 'secret'), join(dir, 'escaped'));
    mkdirSync(join(dir, 'file-link'), { recursive: true });
    symlinkSync(join(outside, 'secret', 'SKILL.md'), join(dir, 'file-link', 'SKILL.md'));
    const scan = scanSkillDir({ dir, source: 'openclaw-workspace' });
    expect(scan.skills).toEqual([]);
    expect(scan.problems.map((p) => p.message)).toEqual([expect.stringContaining('outside'), expect.stringContaining('outside')]);
  });
});
