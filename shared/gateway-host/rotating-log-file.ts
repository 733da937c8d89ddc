/**
 * The JSON Lines file behind the gateway logger, rotated by size.
 *
 * Every record is written with one synchronous append before the log call returns, so a
 * `kill -9` loses at most the line in flight and records from one process never interleave.
 * The gateway logs little, so the cost is fine. (This is pino.destination({ sync: true }) minus
 * one thing: SonicBoom's reopen() closes the old descriptor on a later tick, while rotation
 * wants it closed at the moment the file is renamed.)
 *
 * Rotation happens between records, never inside one: when the next line would push the file
 * past maxFileBytes, `file` becomes `file.1` (older ones shift up to `.5`; `.5` is dropped)
 * and the line goes to a fresh file. A single line larger than the limit gets a file of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type pino from 'pino';

export const ROTATED_FILES_KEPT = 5;

const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;
const NEWLINE = 0x0a;

export interface RotatingLogFileOptions {
  file: string;
  maxFileBytes: number;
  /**
   * Told when the file cannot be written or rotated; logging must never crash the gateway.
   * Called once per run of failures, not once per lost line.
   */
  onError: (error: Error) => void;
}

export class RotatingLogFile implements pino.DestinationStream {
  readonly file: string;
  readonly #maxFileBytes: number;
  readonly #onError: (error: Error) => void;
  #fd: number | undefined;
  #size = 0;
  #closed = false;
  #writeFailureReported = false;
  #rotationFailureReported = false;

  constructor(options: RotatingLogFileOptions) {
    this.file = options.file;
    this.#maxFileBytes = options.maxFileBytes;
    this.#onError = options.onError;
    restrictToOwner(this.file);
    this.#fd = this.#open();
    if (this.#size > 0 && !endsWithNewline(this.file, this.#size)) {
      // A previous process died mid-line; finish that line so the next record starts clean
      // and the tail reader does not glue the two together.
      this.write('\n');
    }
  }

  write(line: string): void {
    if (this.#closed) return;
    const bytes = Buffer.from(line, 'utf8');
    try {
      if (this.#size > 0 && this.#size + bytes.length > this.#maxFileBytes) this.#rotate();
      this.#fd ??= this.#open();
      writeFully(this.#fd, bytes);
      this.#size += bytes.length;
      this.#writeFailureReported = false;
    } catch (error) {
      if (!this.#writeFailureReported) this.#onError(toError(error));
      this.#writeFailureReported = true;
    }
  }

  /** Closes the file; later writes are dropped. Async only to match the logger's close(). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#closeDescriptor();
  }

  #open(): number {
    // Also on reopen: a /tmp cleaner may have removed the directory while the gateway ran.
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: DIRECTORY_MODE });
    const fd = fs.openSync(this.file, 'a', FILE_MODE);
    this.#size = fs.fstatSync(fd).size;
    return fd;
  }

  #closeDescriptor(): void {
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) fs.closeSync(fd);
  }

  /** Leaves no descriptor open; write() opens whatever is at `file` next (fresh or not). */
  #rotate(): void {
    this.#closeDescriptor();
    try {
      shiftRotatedFiles(this.file);
      this.#rotationFailureReported = false;
    } catch (error) {
      // Keep appending to the oversized file rather than lose lines; retried on the next
      // write, reported once.
      if (!this.#rotationFailureReported) this.#onError(toError(error));
      this.#rotationFailureReported = true;
    }
  }
}

/** writeSync may write less than asked (signals, full pipes); loop until the line is out. */
function writeFully(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) {
    written += fs.writeSync(fd, bytes, written, bytes.length - written);
  }
}

/** file.4 → file.5, …, file → file.1. The oldest (.5) is overwritten. */
function shiftRotatedFiles(file: string): void {
  fs.rmSync(`${file}.${ROTATED_FILES_KEPT}`, { force: true });
  for (let generation = ROTATED_FILES_KEPT - 1; generation >= 1; generation -= 1) {
    renameIfExists(`${file}.${generation}`, `${file}.${generation + 1}`);
  }
  // Missing too when something removed the live file; then there is simply nothing to keep.
  renameIfExists(file, `${file}.1`);
}

function renameIfExists(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function endsWithNewline(file: string, size: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const lastByte = Buffer.alloc(1);
    fs.readSync(fd, lastByte, 0, 1, size - 1);
    return lastByte[0] === NEWLINE;
  } finally {
    fs.closeSync(fd);
  }
}

/** A file created by an older build (or by hand) may be world-readable; logs are private. */
function restrictToOwner(file: string): void {
  try {
    fs.chmodSync(file, FILE_MODE);
  } catch {
    // Missing file (created with the right mode on open) or a file system without modes.
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
