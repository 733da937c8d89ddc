/**
 * The gateway's log over the protocol (`logs.tail`, a byte cursor into its log file): the recent
 * lines first, then each new line as it is written, read every `intervalMs` while someone
 * listens. What the tray reads from the gateway's output, the browser reads this way.
 */
import { LogsResults } from '../../shared/protocol/logs/results.js';
import { compileSchema } from '../../shared/protocol/validate.js';
import type { GatewayRequest } from '../gateway-request.js';
import { parsed } from '../parse-answer.js';

const logsTailResult = compileSchema(LogsResults['logs.tail']);

export const RECENT_LINES = 500;
const DEFAULT_INTERVAL_MS = 2_000;

export interface LogTailOptions {
  request: GatewayRequest;
  connected: () => boolean;
  emit: (line: string) => void;
  intervalMs?: number;
  log?: (message: string) => void;
}

export class LogTail {
  readonly #options: LogTailOptions;
  #cursor: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #following = false;
  #reading = false;

  constructor(options: LogTailOptions) {
    this.#options = options;
  }

  /** The last lines of the log; from here on, new lines are emitted while following. */
  async recent(): Promise<string[]> {
    if (!this.#options.connected()) return [];
    const result = parsed('logs.tail', logsTailResult, await this.#options.request('logs.tail', { limit: RECENT_LINES }));
    this.#cursor = result.cursor;
    return result.lines;
  }

  /** Starts (or keeps) reading new lines. */
  follow(): void {
    if (this.#following) return;
    this.#following = true;
    this.#schedule();
  }

  stop(): void {
    this.#following = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** A new connection may be a new gateway with a new log: start from its end again. */
  onConnectionChanged(): void {
    this.#cursor = undefined;
  }

  #schedule(): void {
    if (!this.#following) return;
    this.#timer = setTimeout(() => void this.#read(), this.#options.intervalMs ?? DEFAULT_INTERVAL_MS);
  }

  async #read(): Promise<void> {
    if (this.#reading) return;
    this.#reading = true;
    try {
      if (this.#options.connected()) {
        const first = this.#cursor === undefined;
        const params = first ? { limit: 1 } : { cursor: this.#cursor };
        const result = parsed('logs.tail', logsTailResult, await this.#options.request('logs.tail', params));
        this.#cursor = result.cursor;
        // Without a cursor there is nothing to continue from: the newest line only marks the place.
        if (!first) for (const line of result.lines) this.#options.emit(line);
      }
    } catch (error) {
      this.#options.log?.(`logs.tail failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#reading = false;
      this.#schedule();
    }
  }
}
