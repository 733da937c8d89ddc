import { cancel, confirm, intro, isCancel, log, multiselect, note, outro, password, select, spinner, text } from '@clack/prompts';
import type { WizardStep } from '../../shared/protocol/wizard/results.js';
import type { StepAnswer, WizardStepPrompts } from './onboard-prompts.js';

type ClackOption = { value: string; label: string; hint?: string };

/**
 * The wizard's steps as @clack/prompts widgets, for a person at a terminal (arrow keys, masked
 * keys, a spinner while the gateway works). Ctrl-C at a prompt comes back as `cancelled`.
 * Loaded only when `gatehouse onboard` runs on a TTY, so no other command pays for it.
 */
export class ClackPrompts implements WizardStepPrompts {
  private started = false;

  print(line: string): void {
    log.message(line.trim());
  }

  refused(reason: string): void {
    log.error(reason);
  }

  finished(message: string): void {
    outro(message);
  }

  cancelled(message: string): void {
    cancel(message);
  }

  progress(step: WizardStep): (ended: 'ok' | 'failed') => void {
    const running = spinner();
    running.start(step.message ?? step.title ?? 'Working…');
    return (ended) => (ended === 'ok' ? running.stop(`${step.message?.replace(/…$/, '') ?? 'Working'}: done`) : running.error());
  }

  async answer(step: WizardStep): Promise<StepAnswer> {
    if (!this.started) {
      this.started = true;
      intro(step.type === 'note' && step.title ? step.title : 'Gatehouse setup');
      if (step.type === 'note') {
        note(step.message ?? '', undefined);
        return { value: undefined };
      }
    }
    const message = [step.title, step.message].filter(Boolean).join(' — ') || 'Continue?';
    // Option values are opaque to the terminal: pick by position, send the gateway's value back.
    const options = (step.options ?? []).map((option, index): ClackOption => ({ value: String(index), label: option.label, ...(option.hint ? { hint: option.hint } : {}) }));
    const valueAt = (index: string) => step.options?.[Number(index)]?.value;
    const indexOf = (value: unknown) => {
      const found = step.options?.findIndex((option) => option.value === value) ?? -1;
      return found >= 0 ? String(found) : undefined;
    };
    let picked: unknown;
    switch (step.type) {
      case 'note':
        note(step.message ?? '', step.title);
        return { value: undefined };
      case 'progress':
      case 'action':
        return { value: undefined };
      case 'confirm':
        picked = await confirm({ message, initialValue: step.initialValue === true });
        break;
      case 'select': {
        const initialValue = indexOf(step.initialValue);
        picked = await select<string>({ message, options, ...(initialValue !== undefined ? { initialValue } : {}) });
        if (!isCancel(picked)) picked = valueAt(picked as string);
        break;
      }
      case 'multiselect': {
        const initial = Array.isArray(step.initialValue) ? step.initialValue.map(indexOf).filter((index) => index !== undefined) : [];
        picked = await multiselect<string>({ message, options, initialValues: initial, required: false });
        if (!isCancel(picked)) picked = (picked as string[]).map(valueAt);
        break;
      }
      case 'text':
        if (step.sensitive) {
          picked = await password({ message });
        } else {
          const initial = typeof step.initialValue === 'string' ? step.initialValue : undefined;
          picked = await text({ message, ...(initial !== undefined ? { initialValue: initial } : {}), ...(step.placeholder ? { placeholder: step.placeholder } : {}) });
        }
        // An empty answer is "keep the default" for the gateway (clack gives undefined or '').
        if (!isCancel(picked)) picked = picked ?? '';
        break;
    }
    return isCancel(picked) ? 'cancelled' : { value: picked };
  }

  close(): void {
    // clack releases the terminal after each prompt; nothing stays open.
  }
}
