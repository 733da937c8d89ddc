/**
 * `gatehouse onboard`: the setup wizard in the terminal. It drives the running gateway's wizard
 * (wizard.start/next/cancel) over one operator connection, so what it writes goes through the
 * gateway's own config path. At a terminal the steps are @clack/prompts widgets; piped input is
 * read line by line. Typed keys and tokens are not echoed.
 */
import type { WizardNextResult, WizardStartResult } from '../../shared/protocol/wizard/results.js';
import { CallError } from './call-client.js';
import { localTarget } from './cli-context.js';
import { OnboardConnection } from './onboard-connection.js';
import { TerminalPrompts, type WizardStepPrompts } from './onboard-prompts.js';

export interface OnboardFlags {
  url?: string;
  token?: string;
  password?: string;
  stateDir?: string;
  config?: string;
  workspace?: string;
  flow?: string;
}

function describeFailure(error: unknown): string {
  return error instanceof CallError ? `${error.error.code}: ${error.error.message}` : (error as Error).message;
}

export async function runOnboard(flags: OnboardFlags): Promise<number> {
  const target = await localTarget(flags);
  let connection: OnboardConnection;
  try {
    connection = await OnboardConnection.open({ ...target, timeoutMs: 10_000 });
  } catch (error) {
    console.error(`error: ${describeFailure(error)} (is the gateway running? start it with \`gatehouse gateway run\`)`);
    return 1;
  }
  let sessionId: string | undefined;
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    prompts.cancelled('cancelled; nothing was written');
    // The gateway frees the wizard at once instead of after its idle time; a second wait is enough.
    const cancelled = sessionId ? connection.request('wizard.cancel', { sessionId }).catch(() => undefined) : Promise.resolve();
    void Promise.race([cancelled, new Promise((resolve) => setTimeout(resolve, 1_000))]).then(() => process.exit(130));
  };
  const prompts = await promptsFor(interrupt);
  process.once('SIGINT', interrupt);
  try {
    const start = (await connection.request('wizard.start', {
      ...(flags.workspace ? { workspace: flags.workspace } : {}),
      ...(flags.flow ? { flow: flags.flow } : {}),
    })) as WizardStartResult;
    sessionId = start.sessionId;
    let progress: WizardNextResult = start;
    while (!progress.done && progress.step) {
      const step = progress.step;
      const answer = await prompts.answer(step);
      if (answer === 'cancelled') {
        interrupt();
        // process.exit follows once the gateway has dropped the wizard.
        return await new Promise<number>(() => undefined);
      }
      if (answer === 'eof') {
        await connection.request('wizard.cancel', { sessionId });
        console.error('error: the input ended before the setup was finished; nothing was written');
        return 1;
      }
      // A progress step is answered at once; the answer comes back when the gateway's work is done.
      const endProgress = step.type === 'progress' ? prompts.progress(step) : undefined;
      try {
        const body = answer.value === undefined ? { stepId: step.id } : { stepId: step.id, value: answer.value };
        progress = (await connection.request('wizard.next', { sessionId, answer: body })) as WizardNextResult;
        endProgress?.('ok');
      } catch (error) {
        endProgress?.('failed');
        // A refused answer leaves the step pending: say why and ask again.
        if (error instanceof CallError && error.error.code === 'INVALID_REQUEST' && error.error.message.startsWith('wizard: ') && error.error.message !== 'wizard: no pending step') {
          prompts.refused(error.error.message.slice('wizard: '.length));
          continue;
        }
        throw error;
      }
    }
    if (progress.status === 'done') {
      prompts.finished('Setup written. The gateway applies it now.');
      return 0;
    }
    const ended = `setup ${progress.status ?? 'ended'}${progress.error ? `: ${progress.error}` : ''}`;
    if (progress.status === 'cancelled') prompts.cancelled(ended);
    else console.error(ended);
    return 1;
  } catch (error) {
    console.error(`error: ${describeFailure(error)}`);
    return 1;
  } finally {
    process.off('SIGINT', interrupt);
    prompts.close();
    connection.close();
  }
}

/** A person at a terminal gets @clack/prompts (loaded only then); piped input gets line prompts. */
async function promptsFor(interrupt: () => void): Promise<WizardStepPrompts> {
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const { ClackPrompts } = await import('./onboard-clack-prompts.js');
    return new ClackPrompts();
  }
  return new TerminalPrompts(interrupt);
}
