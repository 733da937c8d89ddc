import { randomUUID } from 'node:crypto';
import { invalidRequest } from '../../../shared/protocol/error-codes.js';
import type { WizardNextResult, WizardStatus, WizardStep, WizardStepType } from '../../../shared/protocol/wizard/results.js';

/** Ends the script as `cancelled` (a person said no, or wizard.cancel). */
export class WizardCancelledError extends Error {}

/** What a prompt accepts: the value to hand the script, or why the answer is refused. */
export type AnswerCheck = (value: unknown) => { ok: true; value: unknown } | { ok: false; error: string };

/** A prompt as the script states it; the session gives it an id. */
export type StepSpec = Omit<WizardStep, 'id'> & { type: WizardStepType };

interface PendingStep {
  step: WizardStep;
  check: AnswerCheck;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The one thing a script does: ask, and wait for the answer. */
export interface StepAsker {
  ask(spec: StepSpec, check: AnswerCheck): Promise<unknown>;
}

/**
 * One wizard run (openclaw-families.md §4): a server-side script that asks one step at a time.
 * The script awaits each answer; `next()` hands out the step it is waiting on, or waits until it
 * asks one or ends. Answers are checked against the step before the script sees them; a refused
 * answer leaves the step pending.
 */
export class WizardSession implements StepAsker {
  readonly id = randomUUID();
  private state: WizardStatus = 'running';
  private failure: string | undefined;
  private pending: PendingStep | undefined;
  private readonly waiters: (() => void)[] = [];
  private lastTouchedMs: number;

  constructor(
    script: (asker: StepAsker) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {
    this.lastTouchedMs = now();
    // Started on the next turn, so `next()` can be awaited before the first step exists.
    queueMicrotask(() => {
      script(this).then(
        () => this.finish('done'),
        (error: unknown) => {
          if (error instanceof WizardCancelledError) this.finish('cancelled', error.message);
          else this.finish('error', error instanceof Error ? error.message : String(error));
        },
      );
    });
  }

  get status(): WizardStatus {
    return this.state;
  }

  get error(): string | undefined {
    return this.failure;
  }

  idleMs(): number {
    return this.now() - this.lastTouchedMs;
  }

  ask(spec: StepSpec, check: AnswerCheck): Promise<unknown> {
    if (this.state !== 'running') return Promise.reject(new WizardCancelledError(this.failure ?? 'cancelled'));
    return new Promise((resolve, reject) => {
      this.pending = { step: { ...spec, id: randomUUID() }, check, resolve, reject };
      this.notify();
    });
  }

  /** The step the script waits on, or (once it ended) how it ended. */
  async next(): Promise<WizardNextResult> {
    this.lastTouchedMs = this.now();
    while (this.state === 'running' && !this.pending) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.pending) return { done: false, step: this.pending.step, status: this.state };
    return { done: true, status: this.state, ...(this.failure !== undefined ? { error: this.failure } : {}) };
  }

  answer(stepId: string, value: unknown): void {
    this.lastTouchedMs = this.now();
    if (this.state !== 'running') throw invalidRequest('wizard not running');
    const pending = this.pending;
    if (!pending || pending.step.id !== stepId) throw invalidRequest('wizard: no pending step', { stepId });
    const checked = pending.check(value);
    if (!checked.ok) throw invalidRequest(`wizard: ${checked.error}`, { stepId });
    this.pending = undefined;
    pending.resolve(checked.value);
  }

  cancel(): void {
    if (this.state !== 'running') return;
    const pending = this.pending;
    this.pending = undefined;
    this.finish('cancelled', 'cancelled');
    pending?.reject(new WizardCancelledError('cancelled'));
  }

  private finish(status: Exclude<WizardStatus, 'running'>, error?: string): void {
    if (this.state !== 'running') return;
    this.state = status;
    this.failure = error;
    this.pending = undefined;
    this.notify();
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
