import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { MAX_SKILL_FILE_BYTES, parseSkillFile, type ParsedSkillFile } from './skill-file.js';

// Where skills come from and which wins (openclaw-families.md §6): `skills.load.extraDirs` <
// bundled < `<state dir>/skills` < `<workspace>/skills`. A folder of skills holds one folder per
// skill with a SKILL.md in it. A later source's skill replaces an earlier one of the same name.

/** OpenClaw's source names, as `skills.status` reports them. */
export type SkillSource = 'openclaw-extra' | 'openclaw-bundled' | 'openclaw-managed' | 'openclaw-workspace';

export interface SkillDir {
  dir: string;
  source: SkillSource;
}

export interface LoadedSkill extends ParsedSkillFile {
  source: SkillSource;
  filePath: string;
  baseDir: string;
  skillKey: string;
}

export interface SkillProblem {
  filePath: string;
  message: string;
}

export interface DirScan {
  skills: LoadedSkill[];
  problems: SkillProblem[];
}

/** More folders than this in one skills folder are not read (a home directory by mistake). */
export const MAX_SKILLS_PER_DIR = 300;

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Reads one folder of skills. A missing folder has none; a bad skill is a problem, not a failure. */
export function scanSkillDir({ dir, source }: SkillDir): DirScan {
  const scan: DirScan = { skills: [], problems: [] };
  let root: string;
  let entries: string[];
  try {
    root = realpathSync(dir);
    entries = readdirSync(root).sort();
  } catch {
    return scan;
  }
  if (entries.length > MAX_SKILLS_PER_DIR) {
    scan.problems.push({ filePath: dir, message: `holds ${entries.length} entries; only the first ${MAX_SKILLS_PER_DIR} are read` });
    entries = entries.slice(0, MAX_SKILLS_PER_DIR);
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const baseDir = join(root, entry);
    const filePath = join(baseDir, 'SKILL.md');
    try {
      // A link may point anywhere: the skill must really be inside this folder.
      const real = realpathSync(baseDir);
      if (!statSync(real).isDirectory()) continue;
      if (!inside(root, real)) {
        scan.problems.push({ filePath, message: 'the skill folder is a link to outside its skills folder; skipped' });
        continue;
      }
      let file;
      try {
        file = lstatSync(filePath);
      } catch {
        continue;
      }
      if (file.isSymbolicLink()) {
        const target = realpathSync(filePath);
        if (!inside(real, target)) {
          scan.problems.push({ filePath, message: 'SKILL.md is a link to outside its skill folder; skipped' });
          continue;
        }
      }
      if (statSync(filePath).size > MAX_SKILL_FILE_BYTES) {
        scan.problems.push({ filePath, message: `larger than ${MAX_SKILL_FILE_BYTES} bytes; skipped` });
        continue;
      }
      const parsed = parseSkillFile(readFileSync(filePath, 'utf8'), entry);
      scan.skills.push({ ...parsed, source, filePath, baseDir, skillKey: parsed.metadata.skillKey ?? parsed.name });
    } catch (error) {
      scan.problems.push({ filePath, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return scan;
}

/** Merges scans in precedence order (lowest first): a later skill of the same name wins. */
export function mergeSkillScans(scans: readonly DirScan[]): DirScan {
  const byName = new Map<string, LoadedSkill>();
  const problems: SkillProblem[] = [];
  for (const scan of scans) {
    for (const skill of scan.skills) {
      byName.delete(skill.name);
      byName.set(skill.name, skill);
    }
    problems.push(...scan.problems);
  }
  return { skills: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), problems };
}
