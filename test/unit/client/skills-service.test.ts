import { describe, expect, it } from 'vitest';
import { installSkill, missingSteps, readSkills, setSkillEnabled, skillSource } from '../../../client/skills/skills-service.js';
import type { SkillStatusEntry } from '../../../shared/protocol/skills/results.js';
import { skillEntry } from '../main/skill-fixtures.js';

/** The weather skill as skills.status reports it (ready unless the overrides say otherwise). */
function skill(overrides: Partial<SkillStatusEntry>): SkillStatusEntry {
  return skillEntry({ name: 'weather', description: 'Forecasts', filePath: '/skills/weather/SKILL.md', baseDir: '/skills/weather', skillKey: 'weather', ...overrides });
}

class RequestError extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

describe('the Skills page service', () => {
  it('reads skills.status, ready skills first, then by name', async () => {
    const status = { workspaceDir: '/w', managedSkillsDir: '/m', skills: [skill({ name: 'b', eligible: false }), skill({ name: 'c' }), skill({ name: 'a', eligible: false })] };
    const read = await readSkills(async () => status);
    expect(read.skills.map((entry) => entry.name)).toEqual(['c', 'a', 'b']);
    await expect(readSkills(async () => ({ skills: 1 }))).rejects.toThrow(/skills\.status answered in an unexpected shape/);
  });

  it('says what an ineligible skill needs and what to do, naming only what is missing', () => {
    expect(missingSteps(skill({}))).toEqual([]);
    const steps = missingSteps(
      skill({ eligible: false, disabled: true, primaryEnv: 'WEATHER_KEY', missing: { bins: ['curl'], anyBins: [], env: ['WEATHER_KEY'], config: ['tools.web'], os: ['darwin'] } }),
    );
    expect(steps).toEqual([
      'Disabled: enable it to let agents use it.',
      "Install curl so it is on the gateway's PATH.",
      "Set WEATHER_KEY in the gateway's environment or in skills.entries.weather.env (or set an API key for it below).",
      'Set tools.web in the config.',
      'Runs only on darwin.',
    ]);
    expect(skillSource('openclaw-workspace')).toBe('Workspace');
    expect(skillSource('elsewhere')).toBe('elsewhere');
  });

  it('enables and disables through skills.update', async () => {
    const sent: unknown[] = [];
    await setSkillEnabled(async (method, params) => {
      sent.push([method, params]);
      return { ok: true, skillKey: 'weather', config: { enabled: false } };
    }, 'weather', false);
    expect(sent).toEqual([['skills.update', { skillKey: 'weather', enabled: false }]]);
  });

  it('an install brings the installer output, also when it failed', async () => {
    const ok = await installSkill(async (method, params) => {
      expect(method).toBe('skills.install');
      expect(params).toMatchObject({ name: 'weather', installId: 'brew' });
      return { ok: true, message: 'installed curl', stdout: 'done\n', stderr: '', code: 0 };
    }, 'weather', 'brew');
    expect(ok).toEqual({ ok: true, message: 'installed curl', stdout: 'done\n' });
    const failed = await installSkill(async () => {
      throw new RequestError('brew exited with code 1', { stdout: '', stderr: 'no such formula', code: 1 });
    }, 'weather', 'brew');
    expect(failed).toEqual({ ok: false, message: 'brew exited with code 1', stderr: 'no such formula' });
  });
});
