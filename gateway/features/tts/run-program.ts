import { spawn } from 'node:child_process';
import { SpeechError } from './speech-response.js';

/** Enough of a program's complaint to say what went wrong. */
const MAX_STDERR_CHARS = 2_000;

export interface ProgramRun {
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, then stdin is closed. */
  readonly input?: string;
  readonly timeoutMs: number;
  /** Names the program in errors (`system`, `ffmpeg`). */
  readonly label: string;
}

/**
 * Runs a program without a shell, feeding it `input`; resolves when it exits 0. A deadline kills
 * it (SIGKILL: a voice program stuck on an audio device does not answer SIGTERM); a non-zero exit
 * rejects with the end of its stderr.
 */
export function runProgram(run: ProgramRun): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const child = spawn(run.file, [...run.args], {
      env: { ...process.env, ...run.env },
      stdio: ['pipe', 'ignore', 'pipe'],
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new SpeechError(`${run.label}: no answer within ${run.timeoutMs} ms`));
    }, run.timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.slice(0, MAX_STDERR_CHARS - stderr.length);
    });
    child.on('error', (error) => finish(new SpeechError(`${run.label}: could not start ${run.file}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return finish();
      const said = stderr.replace(/\s+/g, ' ').trim().slice(-300);
      finish(new SpeechError(`${run.label}: ${run.file} ${signal ? `was killed (${signal})` : `exited with code ${code}`}${said ? `: ${said}` : ''}`));
    });
    // A program that exits before reading all of stdin closes the pipe: its exit code says why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(run.input ?? '');
  });
}
