/**
 * Settings → Skills in the tray's own window (the Control UI's Skills page is the same list),
 * against the stub bridge: what is ready and what a skill needs, enabling, an install's output,
 * and no section at all when the gateway serves no skills.
 */
import { expect, test } from '@playwright/test';
import type { SkillsView } from '../../shared/ipc/contract.js';
import { skillEntry, skillsStatus } from '../unit/main/skill-fixtures.js';
import { stubInit } from './stub-bridge.js';
import { openView, shot, useRendererServer } from './views-support.js';

useRendererServer();

const needsJq = skillEntry({
  name: 'json-tools',
  skillKey: 'json-tools',
  description: 'Reshapes JSON with jq.',
  source: 'openclaw-managed',
  bundled: false,
  filePath: '/skills/json-tools/SKILL.md',
  eligible: false,
  requirements: { bins: ['jq'], anyBins: [], env: [], config: [], os: [] },
  missing: { bins: ['jq'], anyBins: [], env: [], config: [], os: [] },
  install: [{ id: 'brew', kind: 'brew', label: 'Install jq (brew)', bins: ['jq'] }],
});

const skills: SkillsView = { state: 'ready', canUpdate: true, canInstall: true, status: skillsStatus([skillEntry(), needsJq]) };

test.describe('settings: skills', () => {
  test('shows what is ready and what a skill needs, enables, and shows an install’s output', async ({ page }) => {
    const { stub, problems } = await openView(
      page,
      'settings',
      stubInit({
        'skills:status': { value: skills },
        'skills:install': { value: { ok: false, message: 'brew exited with code 1.', stderr: 'Error: No available formula with the name "jq".\n' } },
      }),
      { width: 580, height: 1600 },
    );
    const section = page.getByRole('region', { name: 'Skills' });
    await expect(section.getByText('1 of 2 ready')).toBeVisible();
    const notes = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'notes', level: 3 }) });
    await expect(notes.getByText('Ready')).toBeVisible();
    const jq = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'json-tools', level: 3 }) });
    await expect(jq.getByText('Needs setup')).toBeVisible();
    await expect(jq.getByRole('list', { name: 'What json-tools needs' })).toContainText('Install jq so it is on the gateway');

    await notes.getByRole('button', { name: 'Disable notes' }).click();
    await expect.poll(() => stub.requests('skills:setEnabled')).toEqual([{ skillKey: 'notes', enabled: false }]);

    await jq.getByRole('button', { name: 'Install jq (brew)' }).click();
    await expect(jq.getByTestId('install-output')).toContainText('brew exited with code 1.');
    await expect(jq.getByTestId('install-output')).toContainText('No available formula');
    expect(await stub.requests('skills:install')).toEqual([{ name: 'json-tools', installId: 'brew' }]);
    await section.screenshot({ path: 'test-results/screenshots/settings-skills.png' });
    await shot(page, 'settings-skills-window', true);
    expect(problems).toEqual([]);
  });

  test('says so while the gateway is away, and shows no section when it serves no skills', async ({ page }) => {
    const { stub, problems } = await openView(page, 'settings', stubInit({ 'skills:status': { value: { state: 'offline' } } }), { width: 580, height: 900 });
    await expect(page.getByRole('region', { name: 'Skills' })).toContainText('The gateway is not connected');
    await stub.setAnswer('skills:status', { value: { state: 'unsupported' } });
    await page.getByRole('region', { name: 'Skills' }).getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('region', { name: 'Skills' })).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
