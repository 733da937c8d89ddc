/**
 * A gateway an earlier run of the app launched and left running on quit. It is found through the
 * lock file the gateway keeps in its state dir (shared/gateway-host/lock-file.ts): the state dir is the app's own, so a live gateway
 * holding it on our port is ours to control again — stop, restart, crash restarts.
 *
 * Its output went to the app that launched it and is not ours to read (the gateway's own log
 * file has it); its exit is noticed by polling the pid, and its exit status is not known.
 */
import { lockFilePath, readLockOwner } from '../../shared/gateway-host/lock-file.js';
import type { LaunchedGateway } from './gateway-launcher.js';
import { LaunchEvents } from './launch-events.js';

export interface StateDirOwner {
  pid: number;
  port: number;
  startedAtMs: number | undefined;
}

export type SignalSender = (pid: number, signal: NodeJS.Signals | 0) => void;

const defaultSignal: SignalSender = (pid, signal) => {
  process.kill(pid, signal);
};

function alive(pid: number, send: SignalSender): boolean {
  try {
    send(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live gateway holding `stateDir` on `port`, if there is one. */
export function stateDirOwner(stateDir: string, port: number, send: SignalSender = defaultSignal): StateDirOwner | undefined {
  const owner = readLockOwner(lockFilePath(stateDir));
  if (!owner || owner.port !== port) return undefined;
  const { pid, startedAtMs } = owner;
  if (pid === process.pid || !alive(pid, send)) return undefined;
  return { pid, port, startedAtMs };
}

/** A LaunchedGateway for a process we did not spawn: signals by pid, exit by polling. */
export function adoptedGateway(pid: number, options: { pollMs?: number; send?: SignalSender } = {}): LaunchedGateway {
  const send = options.send ?? defaultSignal;
  const events = new LaunchEvents();
  let released = false;
  const timer = setInterval(() => {
    if (alive(pid, send)) return;
    clearInterval(timer);
    if (!released) events.emitExit(null, null);
  }, options.pollMs ?? 250);
  timer.unref();
  return {
    pid,
    onExit: (listener) => events.onExit(listener),
    onLine: (listener) => events.onLine(listener),
    kill(signal) {
      if (released || events.exited) return;
      try {
        send(pid, signal);
      } catch {
        // Already gone.
      }
    },
    detach() {
      released = true;
      clearInterval(timer);
    },
  };
}
