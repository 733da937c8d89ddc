import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SkillDirWatch } from '../../../gateway/features/skills/skill-dir-watch.js';
import { loadSkillFileParser } from '../../../gateway/features/skills/skill-file.js';
import * as sources from '../../../gateway/features/skills/skill-sources.js';
import { BIN_RECHECK_MS, SkillsService, type SkillsServiceDeps } from '../../../gateway/features/skills/skills-service.js';

// The `<available_skills>` block is asked for on every agent turn: it is kept until a skills
// folder changes (the watch), the config is replaced, or the PATH re-check interval passes.

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, existsSync: vi.fn(actual.existsSync), watch: vi.fn(actual.watch) };
});

vi.mock('../../../gateway/features/skills/skill-sources.js', async (importOriginal) => {
  const actual = await importOriginal<typeof sources>();
  return { ...actual, scanSkillDir: vi.fn(actual.scanSkillDir) };
});

beforeAll(loadSkillFileParser);

let root: string;
let service: SkillsService;
let clock: number;
let loaded: { config: Record<string, unknown>; env: NodeJS.ProcessEnv };

function writeSkill(workspace: string, name: string, description: string): void {
  mkdirSync(join(workspace, 'skills', name), { recursive: true });
  writeFileSync(join(workspace, 'skills', name, 'SKILL.md'), `---\nname: ${name}\ndescription: ${description}\n---\nUse it.\n`);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-skills-cache-'));
  mkdirSync(join(root, 'state', 'skills'), { recursive: true });
  mkdirSync(join(root, 'ws', 'skills'), { recursive: true });
  clock = 1_000;
  loaded = { config: { skills: { load: { watchDebounceMs: 20 } } }, env: { PATH: '' } };
  const config = { current: () => loaded, stateDir: join(root, 'state') } as unknown as SkillsServiceDeps['config'];
  service = new SkillsService({ config, logger: pino({ level: 'silent' }), bundledDir: undefined, remote: { bins: () => new Set(), platforms: () => new Set() }, now: () => clock });
  vi.mocked(sources.scanSkillDir).mockClear();
});

afterEach(() => {
  service.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('the cached skills prompt block', () => {
  it('two turns without a change read no skills folder again', () => {
    const workspace = join(root, 'ws');
    writeSkill(workspace, 'notes', 'Take notes');
    const first = service.promptBlock(workspace);
    expect(first).toContain('<name>notes</name>');
    const scans = vi.mocked(sources.scanSkillDir).mock.calls.length;
    expect(scans).toBeGreaterThan(0);
    expect(service.promptBlock(workspace)).toBe(first);
    expect(service.promptBlock(workspace)).toBe(first);
    expect(vi.mocked(sources.scanSkillDir).mock.calls.length).toBe(scans);
  });

  it('a turn after a SKILL.md change (watch event) sees the new skill', async () => {
    const workspace = join(root, 'ws');
    writeSkill(workspace, 'notes', 'Take notes');
    expect(service.promptBlock(workspace)).not.toContain('<name>web</name>');
    writeSkill(workspace, 'web', 'Summarise pages');
    await vi.waitFor(() => expect(service.promptBlock(workspace)).toContain('<name>web</name>'), { timeout: 5_000, interval: 20 });
    writeFileSync(join(workspace, 'skills', 'notes', 'SKILL.md'), '---\nname: notes\ndescription: Keep a diary\n---\nUse it.\n');
    await vi.waitFor(() => expect(service.promptBlock(workspace)).toContain('<description>Keep a diary</description>'), { timeout: 5_000, interval: 20 });
  });

  it('is rebuilt when the config is replaced, and after the PATH re-check interval', () => {
    const workspace = join(root, 'ws');
    writeSkill(workspace, 'notes', 'Take notes');
    expect(service.promptBlock(workspace)).toContain('<name>notes</name>');
    loaded = { ...loaded, config: { skills: { ...loaded.config.skills as object, entries: { notes: { enabled: false } } } } };
    expect(service.promptBlock(workspace)).toBe('');

    const spy = vi.mocked(sources.scanSkillDir);
    loaded = { ...loaded, config: { skills: { load: { watchDebounceMs: 20 } } } };
    const block = service.promptBlock(workspace);
    const calls = spy.mock.calls.length;
    clock += BIN_RECHECK_MS - 1;
    expect(service.promptBlock(workspace)).toBe(block);
    clock += 1;
    // Folders are still watched, so only eligibility (PATH) is looked at again; the block is rebuilt.
    expect(service.promptBlock(workspace)).toBe(block);
    expect(spy.mock.calls.length).toBe(calls);
  });

  it('a skills folder created after the first turn is seen once its parent’s watch reports it', async () => {
    const workspace = join(root, 'other');
    expect(service.promptBlock(workspace)).toBe('');
    writeSkill(workspace, 'late', 'Arrived later');
    await vi.waitFor(() => expect(service.promptBlock(workspace)).toContain('<name>late</name>'), { timeout: 5_000, interval: 20 });
  });

  it('turns do not look for a missing skills folder again while its parent is watched for it', async () => {
    const workspace = join(root, 'bare');
    mkdirSync(workspace);
    expect(service.promptBlock(workspace)).toBe('');
    const looks = vi.mocked(fs.existsSync);
    looks.mockClear();
    for (let turn = 0; turn < 3; turn += 1) expect(service.promptBlock(workspace)).toBe('');
    expect(looks).not.toHaveBeenCalled();
    // The folder's appearance drops the kept block; a skill written after that rebuild is reported
    // by the new folder's own watch.
    writeSkill(workspace, 'late', 'Arrived later');
    await vi.waitFor(() => expect(service.promptBlock(workspace)).toContain('<name>late</name>'), { timeout: 5_000, interval: 20 });
  });

  it('a skills folder whose parents are missing too is waited for through the nearest folder that exists', async () => {
    const workspace = join(root, 'deep', 'er', 'ws');
    expect(service.promptBlock(workspace)).toBe('');
    mkdirSync(join(root, 'deep', 'er'), { recursive: true });
    // The parent waited on reports 'deep'; the next turn waits one level further down.
    await vi.waitFor(() => expect(service.promptBlock(workspace)).toBe(''), { timeout: 5_000, interval: 20 });
    writeSkill(workspace, 'deepest', 'Far down');
    await vi.waitFor(() => expect(service.promptBlock(workspace)).toContain('<name>deepest</name>'), { timeout: 5_000, interval: 20 });
  });
});

describe('waiting for a missing skills folder', () => {
  it('never watches a busy folder (the state dir, written on every commit) for it: the folder is looked at each time instead', () => {
    const busy = join(root, 'state');
    const changed = vi.fn();
    const watch = new SkillDirWatch(() => 20, changed, new Set([busy]));
    const dir = join(busy, 'not-yet');
    vi.mocked(fs.watch).mockClear();
    expect(watch.awaitingAppearance(dir)).toBe(true);
    expect(watch.awaitingAppearance(dir)).toBe(true);
    expect(vi.mocked(fs.watch)).not.toHaveBeenCalled();
    mkdirSync(dir);
    expect(watch.awaitingAppearance(dir)).toBe(false);
    watch.close();
  });

  it('reports the folder once when it appears, and is false for a folder that exists', async () => {
    const changed = vi.fn();
    const watch = new SkillDirWatch(() => 20, changed);
    const dir = join(root, 'ws', 'later');
    expect(watch.awaitingAppearance(join(root, 'ws', 'skills'))).toBe(false);
    expect(watch.awaitingAppearance(dir)).toBe(true);
    mkdirSync(dir);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledWith(dir), { timeout: 5_000, interval: 10 });
    writeFileSync(join(root, 'ws', 'another'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changed).toHaveBeenCalledTimes(1);
    expect(watch.awaitingAppearance(dir)).toBe(false);
    watch.close();
  });
});
