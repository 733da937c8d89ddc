import type { StepAsker, StepSpec } from './wizard-session.js';

// Typed prompts over a session's steps: each states its step and checks the answer's shape.

/** Typed answers beyond this are refused (a key, a path, a token all fit). */
export const MAX_TEXT_ANSWER = 4_096;

export interface Option<T> {
  value: T;
  label: string;
  hint?: string;
}

export interface TextPrompt {
  message: string;
  title?: string;
  initialValue?: string;
  placeholder?: string;
  /** Typed input the client must not echo (keys, tokens); never sent back in any step. */
  sensitive?: boolean;
  /** Why the (trimmed) value is refused, or undefined to accept it. */
  validate?(value: string): string | undefined;
}

export class WizardPrompter {
  constructor(private readonly asker: StepAsker) {}

  async note(message: string, title?: string): Promise<void> {
    await this.asker.ask({ type: 'note', message, ...(title ? { title } : {}) }, () => ({ ok: true, value: undefined }));
  }

  /**
   * A `progress` step while `work` runs on the gateway. The client shows it and answers it with
   * `{stepId}` at once; that wizard.next then waits for the work and hands out the step after it,
   * so the client's spinner lasts exactly as long as the work.
   */
  async progress<T>(message: string, work: () => Promise<T>, title?: string): Promise<T> {
    const running = work();
    // Cancelled while the work runs: its outcome is nobody's, but it must not go unhandled.
    running.catch(() => undefined);
    await this.asker.ask({ type: 'progress', message, executor: 'gateway', ...(title ? { title } : {}) }, () => ({ ok: true, value: undefined }));
    return running;
  }

  async confirm(message: string, options: { title?: string; initialValue?: boolean } = {}): Promise<boolean> {
    const answer = await this.asker.ask(
      { type: 'confirm', message, ...(options.title ? { title: options.title } : {}), ...(options.initialValue !== undefined ? { initialValue: options.initialValue } : {}) },
      (value) => (typeof value === 'boolean' ? { ok: true, value } : { ok: false, error: 'the answer to a confirm step is true or false' }),
    );
    return answer as boolean;
  }

  async select<T extends string>(message: string, options: readonly Option<T>[], extra: { title?: string; initialValue?: T } = {}): Promise<T> {
    const answer = await this.asker.ask(
      { type: 'select', message, options: options.map((option) => ({ ...option })), ...extra },
      (value) =>
        options.some((option) => option.value === value)
          ? { ok: true, value }
          : { ok: false, error: `the answer must be one of: ${options.map((option) => JSON.stringify(option.value)).join(', ')}` },
    );
    return answer as T;
  }

  async multiselect<T extends string>(message: string, options: readonly Option<T>[], extra: { title?: string; initialValue?: T[] } = {}): Promise<T[]> {
    const answer = await this.asker.ask({ type: 'multiselect', message, options: options.map((option) => ({ ...option })), ...extra }, (value) => {
      if (!Array.isArray(value) || !value.every((item) => options.some((option) => option.value === item))) {
        return { ok: false, error: `the answer is a list of: ${options.map((option) => JSON.stringify(option.value)).join(', ')}` };
      }
      return { ok: true, value: [...new Set(value)] };
    });
    return answer as T[];
  }

  async text(prompt: TextPrompt): Promise<string> {
    const { validate, ...shown } = prompt;
    // A sensitive step never carries a value back to the client.
    const step = prompt.sensitive ? { ...shown, initialValue: undefined } : shown;
    const spec: StepSpec = { type: 'text' };
    for (const [key, value] of Object.entries(step)) if (value !== undefined) Object.assign(spec, { [key]: value });
    const answer = await this.asker.ask(
      spec,
      (value) => {
        const text = value === undefined || value === null ? (prompt.sensitive ? '' : (prompt.initialValue ?? '')) : value;
        if (typeof text !== 'string') return { ok: false, error: 'the answer to a text step is a string' };
        if (text.length > MAX_TEXT_ANSWER) return { ok: false, error: `the answer is longer than ${MAX_TEXT_ANSWER} characters` };
        const trimmed = text.trim();
        const problem = validate?.(trimmed);
        return problem ? { ok: false, error: problem } : { ok: true, value: trimmed };
      },
    );
    return answer as string;
  }
}
