import { beforeAll, describe, expect, it } from 'vitest';
import { loadSkillFileParser, MAX_SKILL_FILE_BYTES, parseSkillFile, SkillFileError } from '../../../gateway/features/skills/skill-file.js';

// The YAML parser loads when the skills feature starts; these tests start it themselves.
beforeAll(loadSkillFileParser);

const github = `---
name: github
description: Work with GitHub issues and pull requests through the gh CLI.
homepage: https://cli.github.com
metadata: {"moltbot":{"emoji":"🐙","requires":{"bins":["gh"]},"install":[{"id":"brew","kind":"brew","formula":"gh","bins":["gh"]}]}}
---

Use \`gh issue list\` to see issues.
`;

function refusal(text: string, fallback = 'folder'): string {
  try {
    parseSkillFile(text, fallback);
  } catch (error) {
    expect(error).toBeInstanceOf(SkillFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('SKILL.md front matter and metadata', () => {
  it('reads name, description, homepage, the body and the moltbot metadata block', () => {
    const skill = parseSkillFile(github, 'folder');
    expect(skill).toMatchObject({ name: 'github', homepage: 'https://cli.github.com', userInvocable: true, disableModelInvocation: false, body: 'Use `gh issue list` to see issues.' });
    expect(skill.metadata).toEqual({
      always: false,
      emoji: '🐙',
      os: [],
      requires: { bins: ['gh'], anyBins: [], env: [], config: [] },
      install: [{ id: 'brew', kind: 'brew', label: 'Install gh (brew)', bins: ['gh'], os: [], target: 'gh' }],
    });
  });

  it('reads the openclaw (v4) and clawdbot (v3) blocks, JSON5 syntax, and names install options without an id', () => {
    const text = `---\ndescription: x\nmetadata: {openclaw: {always: true, primaryEnv: 'KEY', requires: {env: ['KEY'], config: ['tools.web.enabled']}, install: [{kind: 'node', package: 'tool'}]}}\n---\nbody`;
    const skill = parseSkillFile(text, 'from-folder');
    expect(skill.name).toBe('from-folder');
    expect(skill.metadata).toMatchObject({ always: true, primaryEnv: 'KEY', requires: { env: ['KEY'], config: ['tools.web.enabled'] }, install: [{ id: 'node-0', kind: 'node', target: 'tool' }] });
    const clawdbot = parseSkillFile(`---\ndescription: y\nmetadata: '{"clawdbot":{"os":["darwin"],"skillKey":"my-key"}}'\n---\n`, 'c');
    expect(clawdbot.metadata).toMatchObject({ os: ['darwin'], skillKey: 'my-key' });
  });

  it('takes CRLF line ends and a byte-order mark', () => {
    expect(parseSkillFile('\uFEFF---\r\nname: crlf\r\ndescription: d\r\n---\r\nbody\r\n', 'x')).toMatchObject({ name: 'crlf', body: 'body' });
  });

  it('refuses malformed files with a message that says what is wrong', () => {
    expect(refusal('no front matter')).toContain('no front matter');
    expect(refusal('---\nname: x\ndescription: y\n')).toContain('not closed');
    expect(refusal('---\nname: [unclosed\ndescription: y\n---\n')).toContain('not valid YAML');
    expect(refusal('---\nname: x\n---\n')).toContain('"description" is missing');
    expect(refusal('---\n- a list\n---\n')).toContain('mapping');
    expect(refusal('---\nname: x\nname: y\ndescription: d\n---\n')).toContain('not valid YAML');
    expect(refusal('---\ndescription: d\nmetadata: {"openclaw": {requires: }\n---\n')).toMatch(/not valid (YAML|JSON5)/);
    expect(refusal(`---\ndescription: d\nmetadata: '{"openclaw":{"requires":{"bins":["../../bin/sh"]}}}'\n---\n`)).toContain('requires.bins');
    expect(refusal(`---\ndescription: d\nmetadata: '{"openclaw":{"requires":{"bins":["--version"]}}}'\n---\n`)).toContain('requires.bins');
    expect(refusal(`---\ndescription: d\nmetadata: '{"openclaw":{"install":[{"kind":"shell","package":"x"}]}}'\n---\n`)).toContain('kind');
    expect(refusal(`---\ndescription: d\nmetadata: '{"openclaw":{"os":["plan9"]}}'\n---\n`)).toContain('unknown platform');
  });

  it('refuses names and keys that are paths', () => {
    expect(refusal('---\nname: ../../etc\ndescription: d\n---\n')).toContain('may hold only');
    expect(refusal('---\nname: a/b\ndescription: d\n---\n')).toContain('may hold only');
    expect(refusal(`---\nname: ok\ndescription: d\nmetadata: '{"openclaw":{"skillKey":"../x"}}'\n---\n`)).toContain('skillKey');
    expect(refusal('---\ndescription: d\n---\n', '..')).toContain('may hold only');
  });

  it('refuses huge files, huge front matter and YAML alias bombs', () => {
    expect(refusal(`---\ndescription: d\n---\n${'x'.repeat(MAX_SKILL_FILE_BYTES)}`)).toContain('larger than');
    expect(refusal(`---\ndescription: ${'y'.repeat(20_000)}\n---\n`)).toContain('longer than');
    const bomb = ['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'description: d', '---', ''].join('\n');
    expect(refusal(bomb)).toContain('not valid YAML');
  });

  it('does not let __proto__ or constructor keys reach any object', () => {
    const text = `---\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\ndescription: d\nmetadata: '{"__proto__":{"polluted":true},"openclaw":{"__proto__":{"always":true},"requires":{"__proto__":{"bins":["x"]}}}}'\n---\n`;
    const skill = parseSkillFile(text, 'proto');
    expect(skill.metadata.always).toBe(false);
    expect(skill.metadata.requires.bins).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(skill.metadata)).toBe(Object.prototype);
  });
});
