import { spawn } from 'node:child_process';
import type { UpdateStep } from '../../../shared/protocol/update/results.js';

// One command of an update (`npm view`, `npm install`, the new CLI's `--version`): run from an
// argument array (never a shell), with a deadline, its output kept for the answer. What the
// client sees is the end of each stream: npm's last lines say what went wrong.

const TAIL_CHARS = 4_000;
const MAX_KEPT_CHARS = 256 * 1024;
const KILL_GRACE_MS = 2_000;

export interface StepSpec {
  name: string;
  /** The program and its arguments, exactly as run. */
  program: string;
  args: readonly string[];
  /** How the command reads for a person (`npm install -g …`); never run. */
  display: string;
  cwd?: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

export interface StepOutcome {
  step: UpdateStep;
  /** The whole stdout (capped), for the caller to parse. */
  stdout: string;
  ok: boolean;
}

export type StepRunner = (spec: StepSpec) => Promise<StepOutcome>;

function tail(text: string): string | undefined {
  const trimmed = text.trimEnd();
  if (trimmed === '') return undefined;
  return trimmed.length <= TAIL_CHARS ? trimmed : `…${trimmed.slice(trimmed.length - TAIL_CHARS)}`;
}

function keep(current: string, chunk: Buffer): string {
  const next = current + chunk.toString();
  return next.length > MAX_KEPT_CHARS ? next.slice(next.length - MAX_KEPT_CHARS) : next;
}

export const runStep: StepRunner = (spec) =>
  new Promise((resolve) => {
    const started = performance.now();
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(spec.program, spec.args, { cwd: spec.cwd, env: spec.env, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    }, spec.timeoutMs);
    const finish = (exitCode: number | null, termination: NonNullable<UpdateStep['termination']>, extraError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const stderrText = extraError ? `${stderr}${stderr.endsWith('\n') || stderr === '' ? '' : '\n'}${extraError}` : stderr;
      const stdoutTail = tail(stdout);
      const stderrTail = tail(stderrText);
      resolve({
        ok: termination === 'exit' && exitCode === 0,
        stdout,
        step: {
          name: spec.name,
          command: spec.display,
          ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
          durationMs: Math.max(0, Math.round(performance.now() - started)),
          exitCode,
          termination,
          ...(stdoutTail === undefined ? {} : { stdoutTail }),
          ...(stderrTail === undefined ? {} : { stderrTail }),
        },
      });
    };
    child.stdout.on('data', (chunk: Buffer) => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
    child.once('error', (error) => finish(null, 'spawn-error', `${spec.program} could not start: ${error.message}`));
    child.once('close', (code, signal) => {
      if (timedOut) finish(code, 'timeout', `stopped: no result within ${spec.timeoutMs} ms`);
      else if (code === null) finish(null, 'signal', `ended by ${signal ?? 'a signal'}`);
      else finish(code, 'exit');
    });
  });

/** Why a step failed, in one line a person can act on. */
export function stepFailure(outcome: StepOutcome): string {
  const { step } = outcome;
  const lastLine = (step.stderrTail ?? step.stdoutTail ?? '').trim().split('\n').filter((line) => line.trim() !== '').at(-1);
  const how =
    step.termination === 'timeout'
      ? 'did not finish in time'
      : step.termination === 'spawn-error'
        ? 'could not start'
        : step.termination === 'signal'
          ? 'was killed'
          : `exited with code ${step.exitCode}`;
  return `${step.name}: \`${step.command}\` ${how}${lastLine ? ` (${lastLine.slice(0, 300)})` : ''}`;
}
