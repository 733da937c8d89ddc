import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import type { WizardStep } from '../../shared/protocol/wizard/results.js';

/** What a person gave for a step: the value to send (undefined: the step's default). */
export type StepAnswer = { value: unknown } | 'eof' | 'cancelled';

/** How `gatehouse onboard` asks a person the wizard's steps, at a terminal or from piped lines. */
export interface WizardStepPrompts {
  answer(step: WizardStep): Promise<StepAnswer>;
  /** Shows a running `progress` step; the returned function ends it. */
  progress(step: WizardStep): (ended: 'ok' | 'failed') => void;
  /** The gateway refused the answer; the same step is asked again. */
  refused(reason: string): void;
  finished(message: string): void;
  cancelled(message: string): void;
  print(text: string): void;
  close(): void;
}

/**
 * Line prompts for the wizard's steps, for piped input (scripts, CI) where a full-screen prompt
 * library cannot read keys one at a time. Typed input of a sensitive step is not echoed: the
 * output stream drops what readline writes while it is read.
 */
export class TerminalPrompts implements WizardStepPrompts {
  private readonly rl: Interface;
  private muted = false;
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private ended = false;

  constructor(
    /** Ctrl-C at a prompt: a terminal readline takes it before the process sees SIGINT. */
    onInterrupt: () => void,
    input: NodeJS.ReadableStream = process.stdin,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!this.muted) this.out.write(chunk);
        done();
      },
    });
    this.rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
    this.rl.on('line', (line) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(line);
      else this.lines.push(line);
    });
    this.rl.on('SIGINT', onInterrupt);
    this.rl.on('close', () => {
      this.ended = true;
      for (const waiter of this.waiting.splice(0)) waiter(undefined);
    });
  }

  print(text: string): void {
    this.out.write(`${text}\n`);
  }

  refused(reason: string): void {
    this.print(reason);
  }

  finished(message: string): void {
    this.print(`\n${message}`);
  }

  cancelled(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  /** The step's message was printed as its heading; the next step says how it went. */
  progress(): (ended: 'ok' | 'failed') => void {
    return () => undefined;
  }

  /** One line of input; undefined once the input has ended. */
  private read(prompt: string, sensitive: boolean): Promise<string | undefined> {
    this.out.write(prompt);
    const queued = this.lines.shift();
    if (queued !== undefined) {
      if (sensitive) this.out.write('\n');
      return Promise.resolve(queued);
    }
    if (this.ended) return Promise.resolve(undefined);
    this.muted = sensitive;
    return new Promise((resolve) =>
      this.waiting.push((line) => {
        this.muted = false;
        if (sensitive) this.out.write('\n');
        resolve(line);
      }),
    );
  }

  /** Asks for the answer to `step`: the value to send, or undefined for "the step's default". */
  async answer(step: WizardStep): Promise<StepAnswer> {
    const heading = [step.title, step.message].filter(Boolean).join('\n');
    if (heading) this.print(`\n${heading}`);
    switch (step.type) {
      case 'note':
      case 'progress':
      case 'action':
        return { value: undefined };
      case 'confirm': {
        const fallback = step.initialValue === true;
        for (;;) {
          const line = await this.read(fallback ? '(Y/n) ' : '(y/N) ', false);
          if (line === undefined) return 'eof';
          const text = line.trim().toLowerCase();
          if (text === '') return { value: fallback };
          if (['y', 'yes'].includes(text)) return { value: true };
          if (['n', 'no'].includes(text)) return { value: false };
          this.print('answer y or n');
        }
      }
      case 'select':
      case 'multiselect': {
        const options = step.options ?? [];
        options.forEach((option, index) => this.print(`  ${index + 1}) ${option.label}${option.hint ? ` — ${option.hint}` : ''}`));
        const many = step.type === 'multiselect';
        for (;;) {
          const line = await this.read(many ? 'numbers, separated by commas: ' : `number${step.initialValue !== undefined ? ' (Enter for the default)' : ''}: `, false);
          if (line === undefined) return 'eof';
          const text = line.trim();
          if (text === '' && !many) return { value: step.initialValue ?? options[0]?.value };
          const picked = text.split(',').map((part) => options[Number(part.trim()) - 1]);
          if (picked.every((option) => option !== undefined) && (many || picked.length === 1)) {
            return { value: many ? picked.map((option) => option?.value) : picked[0]?.value };
          }
          this.print(`answer with ${many ? 'numbers' : 'a number'} from 1 to ${options.length}`);
        }
      }
      case 'text': {
        const fallback = typeof step.initialValue === 'string' && !step.sensitive ? ` [${step.initialValue}]` : '';
        const line = await this.read(`${step.placeholder && !fallback ? `(${step.placeholder}) ` : ''}${fallback ? `${fallback.trim()} ` : ''}> `, Boolean(step.sensitive));
        if (line === undefined) return 'eof';
        return { value: line.trim() === '' ? (step.sensitive ? '' : undefined) : line };
      }
    }
  }

  close(): void {
    this.rl.close();
  }
}
