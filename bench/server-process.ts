import { spawn, type ChildProcess } from 'node:child_process';
import { currentCpuPlacement } from './cpu-placement.js';

/** A server child process that announced `… listening on ws://127.0.0.1:<port>` on stdout. */
export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** performance.now() just before spawn() and when the listening line arrived. */
  readonly spawnedAt: number;
  readonly listeningAt: number;
  /** The last few KiB of stdout + stderr, for error messages. */
  outputTail(): string;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. Idempotent. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** SIGTERM → exit, in ms (0 if it had already exited). */
  stopMs: number;
  killed: boolean;
}

export interface StartServerOptions {
  label: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const LISTENING_LINE = /listening on (ws:\/\/127\.0\.0\.1:(\d+))/;
const OUTPUT_TAIL_CHARS = 8_192;

/** Every child still alive; run-all stops the stragglers if a suite forgot one or threw. */
const liveChildren = new Set<ChildProcess>();

export function liveChildCount(): number {
  return liveChildren.size;
}

/** Last resort for run-all: SIGKILL whatever is still running (synchronous, safe in 'exit'). */
export function killLiveChildren(): number {
  let killed = 0;
  for (const child of liveChildren) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      killed += 1;
    }
  }
  return killed;
}

/**
 * Spawns `node <args>` and resolves as soon as the listening line is on stdout — checked on every
 * chunk, not by polling, because cold start is measured from here.
 */
export function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const spawnedAt = performance.now();
  const placed = currentCpuPlacement()?.wrap(process.execPath, options.args) ?? { command: process.execPath, args: options.args };
  // taskset execs node in place: the pid is the server's.
  const child = spawn(placed.command, placed.args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);

  let tail = '';
  let stdoutText = '';
  const remember = (text: string) => {
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
  };
  // Both pipes are drained for the whole life of the child: a full pipe would block its logging.
  child.stderr?.setEncoding('utf8').on('data', remember);

  let exitResolve: (value: { code: number | null; signal: NodeJS.Signals | null }) => void = () => undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (exitResolve = resolve));
  child.once('exit', (code, signal) => {
    liveChildren.delete(child);
    exitResolve({ code, signal });
  });

  return new Promise<ServerProcess>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      reject(new Error(`${options.label}: ${message}\n--- output ---\n${tail.trim()}`));
    };
    const timer = setTimeout(() => fail(`no listening line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (error) => fail(`could not spawn: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal}) before listening`));
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      remember(text);
      if (settled) return;
      stdoutText += text;
      const match = LISTENING_LINE.exec(stdoutText);
      if (!match) return;
      const listeningAt = performance.now();
      settled = true;
      clearTimeout(timer);
      stdoutText = '';
      const pid = child.pid ?? -1;
      let stopping: Promise<ProcessExit> | undefined;
      resolve({
        pid,
        port: Number(match[2]),
        url: match[1] ?? '',
        spawnedAt,
        listeningAt,
        outputTail: () => tail,
        isRunning: () => child.exitCode === null && child.signalCode === null,
        stop: (graceMs = 10_000) => (stopping ??= stopChild(child, exited, graceMs)),
      });
    });
  });
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  graceMs: number,
): Promise<ProcessExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    const { code, signal } = await exited;
    return { code, signal, stopMs: 0, killed: false };
  }
  const started = performance.now();
  child.kill('SIGTERM');
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, graceMs);
  const { code, signal } = await exited;
  clearTimeout(timer);
  return { code, signal, stopMs: performance.now() - started, killed };
}
