/**
 * The tray's wizard channels (`wizard:*`, served in main by the companion controller over the
 * operator connection), without a gateway process: the operator answers from the gateway's real
 * wizard engine (WizardRegistry, WizardSession, WizardPrompter) running a short script, and its
 * refusals arrive as the gateway client's request errors, as they would over the socket.
 */
import { GatewayClientRequestError } from '@openclaw/gateway-client';
import { describe, expect, it } from 'vitest';
import { companionInvokeHandlers } from '../../../main/ipc/companion-handlers.js';
import { WizardPrompter } from '../../../gateway/features/wizard/wizard-prompter.js';
import { WizardRegistry } from '../../../gateway/features/wizard/wizard-registry.js';
import { WizardSession } from '../../../gateway/features/wizard/wizard-session.js';
import { GatewayError } from '../../../shared/protocol/error-codes.js';
import type { InvokeChannel } from '../../../shared/ipc/contract.js';
import { quietController } from '../main/quiet-controller.js';

const WIZARD_METHODS = ['wizard.start', 'wizard.next', 'wizard.cancel', 'wizard.status'];

/** A short setup: a note, a key (refused with spaces), a check while the gateway works, a choice. */
async function script(prompter: WizardPrompter): Promise<void> {
  await prompter.note('Welcome.', 'Setup');
  const key = await prompter.text({ title: 'API key', message: 'Key', sensitive: true, validate: (value) => (/\s/.test(value) ? 'an API key has no spaces' : undefined) });
  await prompter.progress('Checking the key…', async () => key.length > 3);
  await prompter.select('Model?', [{ value: 'a', label: 'Model A' }, { value: 'b', label: 'Model B' }], { title: 'Model' });
}

/** wizard.* as the gateway's feature serves them, answering with its errors as the client raises them. */
function wizardGateway() {
  const registry = new WizardRegistry();
  const serve = async (method: string, params: { sessionId?: string; answer?: { stepId: string; value?: unknown } }): Promise<unknown> => {
    switch (method) {
      case 'wizard.start': {
        const session = registry.add(() => new WizardSession((asker) => script(new WizardPrompter(asker))));
        return { sessionId: session.id, ...(await session.next()) };
      }
      case 'wizard.next': {
        const session = registry.find(params.sessionId);
        if (params.answer) session.answer(params.answer.stepId, params.answer.value);
        const progress = await session.next();
        if (progress.done) registry.forget(session);
        return progress;
      }
      case 'wizard.cancel': {
        const session = registry.find(params.sessionId);
        session.cancel();
        registry.forget(session);
        return { status: session.status, error: session.error };
      }
      default:
        throw new GatewayError('INVALID_REQUEST', `unknown method ${method}`);
    }
  };
  return async (method: string, params: unknown) => {
    try {
      return await serve(method, params as never);
    } catch (error) {
      throw error instanceof GatewayError ? new GatewayClientRequestError(error.toShape()) : error;
    }
  };
}

function setUp() {
  const { controller, operator } = quietController(WIZARD_METHODS);
  operator.answer = wizardGateway();
  return { controller, operator };
}

describe('CompanionController: wizard', () => {
  it('walks the gateway wizard: steps as views, a refused answer kept at its step, a progress step, the end', async () => {
    const { controller, operator } = setUp();
    const started = await controller.invoke('wizard:start', {});
    expect(started).toMatchObject({ ok: true, progress: { done: false, status: 'running', step: { type: 'note', title: 'Setup', message: 'Welcome.' } } });
    const sessionId = started.progress!.sessionId;

    let result = await controller.invoke('wizard:next', { sessionId, stepId: started.progress!.step!.id });
    const keyStep = result.progress!.step!;
    expect(keyStep).toEqual({ id: keyStep.id, type: 'text', title: 'API key', message: 'Key', sensitive: true });

    expect(await controller.invoke('wizard:next', { sessionId, stepId: keyStep.id, value: 'has spaces' })).toEqual({ ok: false, refused: true, message: 'an API key has no spaces' });
    result = await controller.invoke('wizard:next', { sessionId, stepId: keyStep.id, value: 'sk-good' });
    const check = result.progress!.step!;
    expect(check).toMatchObject({ type: 'progress', message: 'Checking the key…' });

    result = await controller.invoke('wizard:next', { sessionId, stepId: check.id });
    const model = result.progress!.step!;
    expect(model).toMatchObject({ type: 'select', title: 'Model', options: [{ value: 'a', label: 'Model A' }, { value: 'b', label: 'Model B' }] });
    expect(await controller.invoke('wizard:next', { sessionId, stepId: model.id, value: 'b' })).toEqual({ ok: true, progress: { sessionId, done: true, status: 'done' } });

    // What went to the gateway: the protocol's shapes, with a deadline long enough for a key check.
    expect(operator.requests.map((request) => request.method)).toEqual(['wizard.start', 'wizard.next', 'wizard.next', 'wizard.next', 'wizard.next', 'wizard.next']);
    expect(operator.requests[2]!.params).toEqual({ sessionId, answer: { stepId: keyStep.id, value: 'has spaces' } });
    expect(operator.requests[4]!.params).toEqual({ sessionId, answer: { stepId: check.id } });
  });

  it('cancels the wizard on the gateway, and a second start while one runs says why', async () => {
    const { controller } = setUp();
    const first = await controller.invoke('wizard:start', { flow: 'setup' });
    expect(await controller.invoke('wizard:start', {})).toEqual({ ok: false, message: 'wizard already running' });
    const sessionId = first.progress!.sessionId;
    expect(await controller.invoke('wizard:cancel', { sessionId })).toEqual({ ok: true, progress: { sessionId, done: true, status: 'cancelled', error: 'cancelled' } });
    expect(await controller.invoke('wizard:next', { sessionId, stepId: 'gone' })).toEqual({ ok: false, message: 'wizard not found' });
    expect((await controller.invoke('wizard:start', {})).ok).toBe(true);
  });

  it('says offline without a gateway and unsupported when the gateway has no wizard, asking nothing', async () => {
    const { controller, operator } = setUp();
    operator.methods = ['health'];
    expect(await controller.invoke('wizard:start', {})).toEqual({ ok: false, message: 'This gateway has no setup wizard (it does not serve wizard.start).' });
    operator.setStatus({ kind: 'disconnected', since: 0 } as never);
    expect((await controller.invoke('wizard:start', {})).message).toMatch(/^Gatehouse is not connected to the gateway/);
    expect(operator.requests).toEqual([]);
  });

  const hostile: [InvokeChannel, unknown][] = [
    ['wizard:start', { flow: 'remote' }],
    ['wizard:start', { flow: 'setup', workspace: '/etc' }],
    ['wizard:start', 'setup'],
    ['wizard:next', { sessionId: 's', stepId: '../x' }],
    ['wizard:next', { sessionId: 's', stepId: 'x', value: 'v'.repeat(20_000) }],
    ['wizard:next', { sessionId: 's', stepId: 'x', answer: { stepId: 'x' } }],
    ['wizard:next', { stepId: 'x', value: true }],
    ['wizard:cancel', {}],
    ['wizard:status', { sessionId: 'x'.repeat(129) }],
  ];

  it.each(hostile)('refuses %s %j before the gateway sees it', async (channel, request) => {
    const { controller, operator } = setUp();
    await expect(controller.invoke(channel, request)).rejects.toThrow(new RegExp(`^${channel}: bad request: `));
    expect(operator.requests).toEqual([]);
  });

  it('each wizard channel takes exactly one argument over IPC', () => {
    const handlers = companionInvokeHandlers(async () => ({ ok: true }) as never);
    for (const channel of ['wizard:start', 'wizard:next', 'wizard:cancel', 'wizard:status'] as const) {
      expect(() => handlers[channel].parse([])).toThrow('expected one argument, got 0');
      expect(handlers[channel].parse([{ sessionId: 's' }])).toEqual({ sessionId: 's' });
    }
  });
});
