import type { LoadedSkill } from './skill-sources.js';

// The `<available_skills>` block of the system prompt (openclaw-families.md §6), in OpenClaw's
// layout (name, description, location). Gatehouse's agent has no file-reading tool, so each
// skill's instructions come along too, within a budget; past it, only the location is given.

/** The whole block stays under this many characters. */
export const SKILLS_PROMPT_BUDGET = 30_000;
/** One skill's instructions are cut at this length. */
const MAX_INSTRUCTIONS_CHARS = 8_000;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The block for the eligible skills that the model may invoke; '' when there are none. */
export function availableSkillsBlock(skills: readonly LoadedSkill[], budget = SKILLS_PROMPT_BUDGET): string {
  const usable = skills.filter((skill) => !skill.disableModelInvocation);
  if (usable.length === 0) return '';
  const head = [
    'The following skills provide specialized instructions for specific tasks.',
    'When a task matches a skill\'s description, follow that skill\'s instructions.',
    '',
    '<available_skills>',
  ];
  const tail = '</available_skills>';
  let used = head.join('\n').length + tail.length;
  // Every skill is listed first; instructions are then added, in order, while the budget lasts.
  const listed: { brief: string; full: string | undefined }[] = [];
  for (const skill of usable) {
    const short = [
      '  <skill>',
      `    <name>${escapeXml(skill.name)}</name>`,
      `    <description>${escapeXml(skill.description)}</description>`,
      `    <location>${escapeXml(skill.filePath)}</location>`,
    ];
    const body = skill.body.length > MAX_INSTRUCTIONS_CHARS ? `${skill.body.slice(0, MAX_INSTRUCTIONS_CHARS)}\n[… cut; read ${skill.filePath} for the rest]` : skill.body;
    const brief = [...short, '  </skill>'].join('\n');
    if (used + brief.length + 1 > budget) break;
    used += brief.length + 1;
    listed.push({ brief, full: body ? [...short, `    <instructions>\n${escapeXml(body)}\n    </instructions>`, '  </skill>'].join('\n') : undefined });
  }
  const parts = listed.map(({ brief, full }) => {
    if (full === undefined || used + full.length - brief.length > budget) return brief;
    used += full.length - brief.length;
    return full;
  });
  return [...head, ...parts, tail].join('\n');
}
