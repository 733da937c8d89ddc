import type { SkillStatusEntry, SkillsStatusResult } from '../../../shared/protocol/skills/results.js';

const none = { bins: [], anyBins: [], env: [], config: [], os: [] };

/** One skill as skills.status reports it; ready unless the overrides say otherwise. */
export function skillEntry(overrides: Partial<SkillStatusEntry> = {}): SkillStatusEntry {
  return {
    name: 'notes',
    description: 'Keeps notes in the workspace.',
    source: 'openclaw-bundled',
    bundled: true,
    filePath: '/skills/notes/SKILL.md',
    baseDir: '/skills/notes',
    skillKey: 'notes',
    always: false,
    disabled: false,
    blockedByAllowlist: false,
    eligible: true,
    requirements: none,
    missing: none,
    configChecks: [],
    install: [],
    ...overrides,
  };
}

export function skillsStatus(skills: SkillStatusEntry[]): SkillsStatusResult {
  return { workspaceDir: '/home/me/workspace', managedSkillsDir: '/home/me/.gatehouse/skills', skills };
}
