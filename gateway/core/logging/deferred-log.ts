import type { Logger } from 'pino';

/**
 * Log lines written once the current turn of the event loop is over (setImmediate) instead of
 * inside the call that logs them. For the lines every connection writes ("client connected",
 * "client disconnected"): each is serialised, redacted and appended to the file and the console
 * synchronously (gateway-logger.ts), ~11% of a handshake's CPU in callgrind, and whatever the
 * client sent next waited behind them. Deferred, the same lines with the same fields are written
 * while the client reads its hello-ok, all lines of one turn together and in order.
 */
export class DeferredLog {
  private queue: { fields: Record<string, unknown>; message: string }[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly logger: () => Logger) {}

  info(fields: Record<string, unknown>, message: string): void {
    this.queue.push({ fields, message });
    // Not kept alive for a line: the listener's close writes what is left.
    this.scheduled ??= setImmediate(() => this.flush()).unref();
  }

  /** Writes whatever is waiting, now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const lines = this.queue;
    this.queue = [];
    const logger = this.logger();
    for (const { fields, message } of lines) logger.info(fields, message);
  }
}
