import { describe, expect, it } from 'vitest';
import { WizardPrompter } from '../../../gateway/features/wizard/wizard-prompter.js';
import { WIZARD_IDLE_MS, WizardRegistry } from '../../../gateway/features/wizard/wizard-registry.js';
import { WizardCancelledError, WizardSession } from '../../../gateway/features/wizard/wizard-session.js';

// The wizard engine: a script awaits one step at a time; answers are checked before it sees them.

function session(script: (prompter: WizardPrompter) => Promise<void>, now?: () => number): WizardSession {
  return new WizardSession((asker) => script(new WizardPrompter(asker)), now);
}

describe('WizardSession', () => {
  it('hands out one step at a time and gives the script the checked answers', async () => {
    const seen: unknown[] = [];
    const wizard = session(async (prompter) => {
      await prompter.note('hello', 'Intro');
      seen.push(await prompter.select('pick', [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]));
      seen.push(await prompter.multiselect('some', [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }]));
      seen.push(await prompter.text({ message: 'name', initialValue: 'default' }));
    });
    let step = (await wizard.next()).step!;
    expect(step).toMatchObject({ type: 'note', message: 'hello', title: 'Intro', id: expect.any(String) });
    wizard.answer(step.id, undefined);
    step = (await wizard.next()).step!;
    expect(() => wizard.answer(step.id, 'c')).toThrow('wizard: the answer must be one of: "a", "b"');
    wizard.answer(step.id, 'b');
    step = (await wizard.next()).step!;
    expect(() => wizard.answer(step.id, ['x', 'z'])).toThrow('the answer is a list of');
    wizard.answer(step.id, ['y', 'y']);
    step = (await wizard.next()).step!;
    wizard.answer(step.id, undefined);
    expect(await wizard.next()).toEqual({ done: true, status: 'done' });
    expect(seen).toEqual(['b', ['y'], 'default']);
  });

  it('refuses an answer to a step that is not pending, or twice to the same step', async () => {
    const wizard = session(async (prompter) => {
      await prompter.confirm('ok?');
      await prompter.confirm('sure?');
    });
    const first = (await wizard.next()).step!;
    expect(() => wizard.answer('other', true)).toThrow('wizard: no pending step');
    wizard.answer(first.id, true);
    expect(() => wizard.answer(first.id, true)).toThrow('wizard: no pending step');
  });

  it('keeps a refused text answer pending, and never sends a sensitive step an initial value', async () => {
    const wizard = session(async (prompter) => {
      await prompter.text({ message: 'key', sensitive: true, initialValue: 'secret-now', validate: (value) => (value.length < 3 ? 'too short' : undefined) });
    });
    const step = (await wizard.next()).step!;
    expect(step).toEqual({ id: step.id, type: 'text', message: 'key', sensitive: true });
    expect(() => wizard.answer(step.id, 'ab')).toThrow('wizard: too short');
    expect(() => wizard.answer(step.id, 'x'.repeat(5_000))).toThrow('longer than 4096');
    expect(() => wizard.answer(step.id, 42)).toThrow('is a string');
    wizard.answer(step.id, ' abc ');
    expect((await wizard.next()).status).toBe('done');
  });

  it('ends as cancelled on cancel (the script sees it) and as error when the script throws', async () => {
    let scriptSaw: unknown;
    const cancelled = session(async (prompter) => {
      try {
        await prompter.confirm('wait');
      } catch (error) {
        scriptSaw = error;
        throw error;
      }
    });
    await cancelled.next();
    cancelled.cancel();
    expect(await cancelled.next()).toEqual({ done: true, status: 'cancelled', error: 'cancelled' });
    await Promise.resolve();
    expect(scriptSaw).toBeInstanceOf(WizardCancelledError);
    expect(() => cancelled.answer('x', true)).toThrow('wizard not running');

    const failing = session(async () => {
      throw new Error('config not written: read-only');
    });
    expect(await failing.next()).toEqual({ done: true, status: 'error', error: 'config not written: read-only' });
  });

  it('answers every waiting next() once the script asks', async () => {
    const wizard = session(async (prompter) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await prompter.note('later');
    });
    const [a, b] = await Promise.all([wizard.next(), wizard.next()]);
    expect(a.step?.id).toBe(b.step?.id);
  });
});

describe('WizardRegistry', () => {
  it('runs one wizard at a time, finds the only running one without an id, and frees an idle one', async () => {
    let now = 0;
    const registry = new WizardRegistry();
    const first = registry.add(() => session(async (prompter) => void (await prompter.note('a')), () => now));
    expect(() => registry.add(() => session(async () => undefined))).toThrow('wizard already running');
    expect(registry.find(undefined)).toBe(first);
    expect(() => registry.find('nope')).toThrow('wizard not found');
    await first.next();
    now += WIZARD_IDLE_MS;
    const second = registry.add(() => session(async (prompter) => void (await prompter.note('b')), () => now));
    expect(first.status).toBe('cancelled');
    expect(registry.find(undefined)).toBe(second);
    registry.forget(first);
    expect(() => registry.find(first.id)).toThrow('wizard not found');
  });
});
