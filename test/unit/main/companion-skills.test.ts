/**
 * The controller's skills channels (Settings → Skills), without a gateway: a page's request is
 * checked before the gateway sees it, the list says when the gateway is away or serves no
 * skills, enabling goes through skills.update, and a failed install still brings its output.
 */
import { describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../../shared/ipc/contract.js';
import { quietController } from './quiet-controller.js';
import { skillEntry, skillsStatus } from './skill-fixtures.js';

const SKILL_METHODS = ['skills.status', 'skills.update', 'skills.install'];

function setUp() {
  const { controller, operator } = quietController(SKILL_METHODS);
  return { controller, operator };
}

describe('CompanionController: skills', () => {
  const bad: [InvokeChannel, unknown][] = [
    ['skills:setEnabled', { skillKey: 'notes' }],
    ['skills:setEnabled', { skillKey: '../notes', enabled: true }],
    ['skills:setEnabled', { skillKey: 'notes', enabled: 'yes' }],
    ['skills:setEnabled', { skillKey: 'notes', enabled: true, apiKey: 'sk-smuggled' }],
    ['skills:setEnabled', { skillKey: 'x'.repeat(129), enabled: true }],
  ];

  it.each(bad)('answers %s %j with a failed ActionResult and never calls the gateway', async (channel, request) => {
    const { controller, operator } = setUp();
    const result = (await controller.invoke(channel, request)) as { ok: boolean; message?: string };
    expect(result).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^${channel}: bad request: `)) });
    expect(operator.requests).toEqual([]);
  });

  it.each([
    { name: 'notes', installId: 'rm -rf /' },
    { name: 'notes', installId: 'brew', timeoutMs: 1 },
    { name: '', installId: 'brew' },
  ])('refuses skills:install %j before the gateway sees it', async (request) => {
    const { controller, operator } = setUp();
    await expect(controller.invoke('skills:install', request as never)).rejects.toThrow(/^skills:install: bad request: /);
    expect(operator.requests).toEqual([]);
  });

  it('lists the skills with which changes the gateway serves', async () => {
    const { controller, operator } = setUp();
    operator.methods = ['skills.status'];
    operator.answer = () => skillsStatus([skillEntry({ name: 'weather', skillKey: 'weather', eligible: false }), skillEntry()]);
    const view = await controller.invoke('skills:status');
    expect(view).toMatchObject({ state: 'ready', canUpdate: false, canInstall: false });
    // Ready skills first.
    expect(view.state === 'ready' && view.status.skills.map((skill) => skill.name)).toEqual(['notes', 'weather']);
    expect(operator.requests).toEqual([{ method: 'skills.status', params: {} }]);
  });

  it('says offline without a gateway and unsupported when skills are not served, asking nothing', async () => {
    const { controller, operator } = setUp();
    operator.methods = ['health'];
    expect(await controller.invoke('skills:status')).toEqual({ state: 'unsupported' });
    operator.setStatus({ kind: 'disconnected', since: 0 } as never);
    expect(await controller.invoke('skills:status')).toEqual({ state: 'offline' });
    expect(operator.requests).toEqual([]);
  });

  it('enables a skill through skills.update and reports a refusal in words', async () => {
    const { controller, operator } = setUp();
    operator.answer = () => ({ ok: true, skillKey: 'notes', config: { enabled: true } });
    expect(await controller.invoke('skills:setEnabled', { skillKey: 'notes', enabled: true })).toEqual({ ok: true });
    expect(operator.requests).toEqual([{ method: 'skills.update', params: { skillKey: 'notes', enabled: true } }]);

    operator.answer = () => {
      throw Object.assign(new Error('config changed underneath; reload and try again'), { code: 'INVALID_REQUEST' });
    };
    const refused = await controller.invoke('skills:setEnabled', { skillKey: 'notes', enabled: false });
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('config changed underneath') });
  });

  it('brings the installer output back, from the error details when the install failed', async () => {
    const { controller, operator } = setUp();
    operator.answer = () => ({ ok: true, message: 'Installed jq.', stdout: 'jq 1.7 installed\n', code: 0 });
    expect(await controller.invoke('skills:install', { name: 'notes', installId: 'brew' })).toEqual({ ok: true, message: 'Installed jq.', stdout: 'jq 1.7 installed\n' });
    expect(operator.requests[0]).toMatchObject({ method: 'skills.install', params: { name: 'notes', installId: 'brew' } });

    operator.answer = () => {
      throw Object.assign(new Error('brew exited with code 1'), { code: 'UNAVAILABLE', details: { stderr: 'Error: no formula jqq\n' } });
    };
    expect(await controller.invoke('skills:install', { name: 'notes', installId: 'brew' })).toEqual({
      ok: false,
      message: expect.stringContaining('brew exited with code 1'),
      stderr: 'Error: no formula jqq\n',
    });
  });
});
