import type { GatewayOutputStream } from './gateway-launcher.js';

type LineListener = (stream: GatewayOutputStream, line: string) => void;
type ExitListener = (code: number | null, signal: NodeJS.Signals | null) => void;

/** The listener bookkeeping every launcher shares: output lines, and exactly one exit report. */
export class LaunchEvents {
  private readonly lineListeners: LineListener[] = [];
  private readonly exitListeners: ExitListener[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  get exited(): boolean {
    return this.exit !== undefined;
  }

  emitLine(stream: GatewayOutputStream, line: string): void {
    for (const listener of this.lineListeners) listener(stream, line);
  }

  /** Reports the exit once; later calls are ignored. */
  emitExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exit) return;
    this.exit = { code, signal };
    for (const listener of this.exitListeners) listener(code, signal);
  }

  onLine(listener: LineListener): void {
    this.lineListeners.push(listener);
  }

  /** A listener added after the exit still hears it, on the next microtask. */
  onExit(listener: ExitListener): void {
    const done = this.exit;
    if (done) queueMicrotask(() => listener(done.code, done.signal));
    else this.exitListeners.push(listener);
  }
}
