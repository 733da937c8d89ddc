import { spawn } from 'node:child_process';
import { PROBE_FD, parseProbeReport, type ProbeReport } from './peak-rss-probe.js';

export interface CommandRun {
  /** spawn() → 'exit', in ms. */
  wallMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Only when run with the probe. */
  probe?: ProbeReport;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Path of the peak-RSS probe to preload (peak-rss-probe.ts); without it the run is timed only. */
  probe?: string;
  timeoutMs?: number;
}

/** Runs `node <args>` to its end; wall time from just before spawn() to the exit event. */
export function runNodeToExit(args: readonly string[], options: RunOptions = {}): Promise<CommandRun> {
  const nodeArgs = options.probe ? ['-r', options.probe, ...args] : [...args];
  const stdio: ('ignore' | 'pipe')[] = ['ignore', 'pipe', 'pipe'];
  if (options.probe) stdio[PROBE_FD] = 'pipe';
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, nodeArgs, { env: options.env ?? process.env, stdio });
    let stdout = '';
    let stderr = '';
    let report = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const probePipe = child.stdio[PROBE_FD];
    if (probePipe && 'setEncoding' in probePipe) probePipe.setEncoding('utf8').on('data', (text: string) => (report += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      const wallMs = performance.now() - startedAt;
      clearTimeout(timer);
      // The pipes may still hold the last output: wait for them to close.
      child.once('close', () => {
        const probe = options.probe ? parseProbeReport(report) : undefined;
        resolve({ wallMs, code, stdout, stderr, ...(probe ? { probe } : {}) });
      });
    });
  });
}
