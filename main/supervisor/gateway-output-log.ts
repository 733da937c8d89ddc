/**
 * Where the gateway's stdout and stderr go: a rotating file on disk (for support) and an
 * in-memory ring of the last lines (for the log view), with live listeners for a view that is
 * open. Known secrets (the gateway token) are masked before a line is kept anywhere.
 */
import { RotatingLogFile } from '../../shared/gateway-host/rotating-log-file.js';
import type { GatewayOutputStream } from './gateway-launcher.js';

export interface GatewayLogLine {
  /** Epoch ms when the supervisor received the line. */
  ts: number;
  stream: GatewayOutputStream | 'supervisor';
  /** The gateway process that wrote it (undefined for the supervisor's own notes). */
  pid?: number;
  text: string;
}

export interface GatewayOutputLogOptions {
  /** Last lines kept in memory. */
  ringSize?: number;
  /** Rotating log file; none when omitted. */
  file?: string;
  maxFileBytes?: number;
  now?: () => number;
  /** Told once per run of failures when the file cannot be written. */
  onFileError?: (error: Error) => void;
}

const MASK = '***';

export class GatewayOutputLog {
  readonly #ring: GatewayLogLine[] = [];
  readonly #ringSize: number;
  readonly #file: RotatingLogFile | undefined;
  readonly #now: () => number;
  readonly #listeners = new Set<(line: GatewayLogLine) => void>();
  #secrets: string[] = [];

  constructor(options: GatewayOutputLogOptions = {}) {
    this.#ringSize = Math.max(1, options.ringSize ?? 500);
    this.#now = options.now ?? Date.now;
    this.#file =
      options.file === undefined
        ? undefined
        : new RotatingLogFile({ file: options.file, maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024, onError: options.onFileError ?? (() => {}) });
  }

  /** Strings that must never be written out (e.g. the gateway token); short ones are ignored. */
  setSecrets(secrets: readonly (string | undefined)[]): void {
    this.#secrets = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  }

  append(stream: GatewayLogLine['stream'], text: string, pid?: number): void {
    const line: GatewayLogLine = { ts: this.#now(), stream, text: this.#mask(text), ...(pid === undefined ? {} : { pid }) };
    this.#ring.push(line);
    if (this.#ring.length > this.#ringSize) this.#ring.splice(0, this.#ring.length - this.#ringSize);
    this.#file?.write(`${new Date(line.ts).toISOString()} ${line.stream}${pid === undefined ? '' : ` ${pid}`} ${line.text}\n`);
    for (const listener of [...this.#listeners]) listener(line);
  }

  /** The last lines, oldest first. */
  lines(limit = this.#ringSize): GatewayLogLine[] {
    return this.#ring.slice(-Math.max(0, limit));
  }

  /** The last `count` non-empty lines of `stream` (of process `pid`, if given), oldest first. */
  lastLines(stream: GatewayLogLine['stream'], count: number, pid?: number): string[] {
    const found: string[] = [];
    for (let index = this.#ring.length - 1; index >= 0 && found.length < count; index -= 1) {
      const line = this.#ring[index];
      if (line && line.stream === stream && (pid === undefined || line.pid === pid) && line.text.trim() !== '') found.push(line.text.trim());
    }
    return found.reverse();
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (line: GatewayLogLine) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#file?.close();
  }

  #mask(text: string): string {
    let masked = text;
    for (const secret of this.#secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }
}
