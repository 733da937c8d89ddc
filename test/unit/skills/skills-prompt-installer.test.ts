import { beforeAll, describe, expect, it } from 'vitest';
import { loadSkillFileParser } from '../../../gateway/features/skills/skill-file.js';
import { buildInstructions } from '../../../gateway/agent/prompt-builder.js';
import { PromptSections } from '../../../gateway/agent/prompt-builder.js';
import { parseSkillFile } from '../../../gateway/features/skills/skill-file.js';
import { planInstall, runProgram } from '../../../gateway/features/skills/skill-installer.js';
import type { SkillInstallSpec } from '../../../gateway/features/skills/skill-metadata.js';
import type { LoadedSkill } from '../../../gateway/features/skills/skill-sources.js';
import { availableSkillsBlock } from '../../../gateway/features/skills/skills-prompt.js';

// The YAML parser loads when the skills feature starts; these tests start it themselves.
beforeAll(loadSkillFileParser);

function skill(name: string, description: string, body = 'Do the thing.', extra = ''): LoadedSkill {
  const parsed = parseSkillFile(`---\nname: ${name}\ndescription: ${description}\n${extra}---\n${body}`, name);
  return { ...parsed, source: 'openclaw-workspace', filePath: `/ws/skills/${name}/SKILL.md`, baseDir: `/ws/skills/${name}`, skillKey: name };
}

describe('the <available_skills> prompt block', () => {
  it('lists each skill with name, description, location and instructions, escaped', () => {
    const block = availableSkillsBlock([skill('notes', 'Take <notes> & find them', 'Write to notes/.'), skill('web', 'Summarise pages')]);
    expect(block).toContain('<available_skills>\n  <skill>\n    <name>notes</name>\n    <description>Take &lt;notes&gt; &amp; find them</description>\n    <location>/ws/skills/notes/SKILL.md</location>');
    expect(block).toContain('<instructions>\nWrite to notes/.\n    </instructions>');
    expect(block).toContain('<name>web</name>');
    expect(block.endsWith('</available_skills>')).toBe(true);
  });

  it('is empty without skills, leaves out disable-model-invocation skills, and keeps to its budget', () => {
    expect(availableSkillsBlock([])).toBe('');
    expect(availableSkillsBlock([skill('hidden', 'h', 'b', 'disable-model-invocation: true\n')])).toBe('');
    const many = Array.from({ length: 20 }, (_, i) => skill(`s${i}`, 'd', 'x'.repeat(4_000)));
    const block = availableSkillsBlock(many, 10_000);
    expect(block.length).toBeLessThanOrEqual(10_000);
    expect(block).toContain('<name>s19</name>'); // listed, without its instructions
  });

  it('reaches the instructions through prompt sections; a failing section is left out', () => {
    const errors: string[] = [];
    const sections = new PromptSections((name) => errors.push(name));
    sections.add('skills', ({ workspace }) => `<available_skills>${workspace}</available_skills>`);
    sections.add('broken', () => {
      throw new Error('boom');
    });
    const text = buildInstructions({ agent: undefined, agentId: 'main', now: new Date(0), systemEvents: [], sections: sections.for({ agentId: 'main', workspace: '/ws' }) });
    expect(text).toContain('<available_skills>/ws</available_skills>');
    expect(errors).toEqual(['broken']);
  });
});

describe('install plans', () => {
  const spec = (kind: SkillInstallSpec['kind'], target: string, os: string[] = []): SkillInstallSpec => ({ id: `${kind}-0`, kind, label: 'l', bins: ['t'], os, target });
  const machine = { platform: 'linux' as const, hasBin: (bin: string) => ['npm', 'uv', 'go', 'brew'].includes(bin) };

  it('runs the installer with an argument array', () => {
    expect(planInstall(spec('node', '@scope/tool@1.2.3'), machine)).toEqual({ kind: 'exec', command: 'npm', args: ['install', '-g', '--', '@scope/tool@1.2.3'] });
    expect(planInstall(spec('uv', 'tool[extra]==1.0'), machine)).toEqual({ kind: 'exec', command: 'uv', args: ['tool', 'install', '--', 'tool[extra]==1.0'] });
    expect(planInstall(spec('go', 'github.com/o/tool/cmd/tool'), machine)).toEqual({ kind: 'exec', command: 'go', args: ['install', 'github.com/o/tool/cmd/tool@latest'] });
    expect(planInstall(spec('brew', 'owner/tap/tool'), machine)).toEqual({ kind: 'exec', command: 'brew', args: ['install', '--', 'owner/tap/tool'] });
    expect(planInstall(spec('node', 'tool'), { ...machine, nodeManager: 'pnpm', hasBin: () => true })).toEqual({ kind: 'exec', command: 'pnpm', args: ['add', '-g', '--', 'tool'] });
  });

  it('refuses targets that are options, shell text or paths', () => {
    for (const [kind, target] of [
      ['node', '--registry=http://evil'],
      ['node', 'tool; rm -rf /'],
      ['node', '$(curl evil)'],
      ['uv', '-e ./local'],
      ['go', '-toolexec=/bin/sh'],
      ['brew', '--HEAD tool'],
      ['brew', '../../tool'],
    ] as const) {
      const plan = planInstall(spec(kind, target), machine);
      expect(plan, `${kind} ${target}`).toMatchObject({ kind: 'refused', message: expect.stringContaining('invalid') });
    }
    expect(planInstall(spec('download', 'http://example.test/tool'), machine)).toMatchObject({ kind: 'refused', message: expect.stringContaining('https') });
    expect(planInstall(spec('download', 'https://user:pw@example.test/tool'), machine)).toMatchObject({ kind: 'refused' });
    expect(planInstall(spec('download', 'https://example.test/tool'), machine)).toMatchObject({ kind: 'download' });
  });

  it('refuses clearly when the installer is not on this machine or the option is for another OS', () => {
    expect(planInstall(spec('brew', 'tool'), { platform: 'linux', hasBin: () => false })).toMatchObject({ kind: 'refused', message: expect.stringContaining('need `brew` on the gateway\'s PATH') });
    expect(planInstall(spec('brew', 'tool', ['darwin']), machine)).toMatchObject({ kind: 'refused', message: expect.stringContaining('is for darwin, not linux') });
  });

  it.skipIf(process.platform === 'win32')('keeps the output and stops a program at its deadline', async () => {
    const done = await runProgram(process.execPath, ['-e', 'console.log("out"); console.error("err")'], { timeoutMs: 10_000, env: process.env });
    expect(done).toMatchObject({ ok: true, stdout: 'out\n', stderr: 'err\n', code: 0 });
    const failed = await runProgram(process.execPath, ['-e', 'process.exit(3)'], { timeoutMs: 10_000, env: process.env });
    expect(failed).toMatchObject({ ok: false, code: 3, message: expect.stringContaining('code 3') });
    const slow = await runProgram(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 1_000, env: process.env });
    expect(slow).toMatchObject({ ok: false, message: expect.stringContaining('did not finish within 1000 ms') });
  });
});
