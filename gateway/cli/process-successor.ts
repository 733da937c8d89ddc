import { spawn } from 'node:child_process';
import type { ProcessReplacement } from '../features/update/process-handover.js';

// How `gatehouse gateway run` hands its process to an updated CLI (update.run). The gateway first
// stops exactly as on SIGTERM (clients get `shutdown`, the port and the state-dir lock are
// released, the store is closed); then
//  - with process.execve (Linux, macOS) the new CLI replaces this process image: the pid, the
//    parent and the console stay, so a supervisor (the tray, systemd, launchd, a terminal) sees
//    no exit at all;
//  - without it (Windows), or if the exec is refused, a detached successor starts with the same
//    arguments and this process exits 0 — what OpenClaw does when it respawns with a fresh pid.

export interface RunningGateway {
  shutdown(reason: string): Promise<void>;
  readonly boundPort: number;
}

/**
 * The successor's arguments: this process's own (`gateway run --state-dir … --token …`), with
 * the port pinned to the one bound now (`--port 0` would otherwise pick another).
 */
export function successorArgs(args: readonly string[], port: number): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--port') i++;
    else if (!arg.startsWith('--port=')) kept.push(arg);
  }
  return [...kept, '--port', String(port)];
}

export function processSuccessor(runtime: RunningGateway): ProcessReplacement {
  return {
    mode: typeof process.execve === 'function' ? 'exec' : 'spawn',
    async replace(entry, reason) {
      const argv = [...process.execArgv, entry, ...successorArgs(process.argv.slice(2), runtime.boundPort)];
      try {
        await runtime.shutdown(reason);
      } catch (error) {
        // Half stopped is still stopped: the successor takes over the lock (same pid) and the port.
        console.error(`gatehouse: the gateway did not stop cleanly before the update took over: ${(error as Error).message}`);
      }
      if (typeof process.execve === 'function') {
        try {
          process.execve(process.execPath, [process.execPath, ...argv], process.env);
        } catch (error) {
          console.error(`gatehouse: could not exec the updated gateway (${(error as Error).message}); starting it as a new process`);
        }
      }
      try {
        spawn(process.execPath, argv, { detached: true, stdio: 'inherit', env: process.env, windowsHide: true }).unref();
        process.exit(0);
      } catch (error) {
        console.error(`gatehouse: could not start the updated gateway: ${(error as Error).message}`);
        process.exit(1);
      }
    },
  };
}
