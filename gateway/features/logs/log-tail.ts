/**
 * The reader behind `logs.tail`: returns complete JSON lines from the gateway's log file,
 * addressed by a byte cursor so a client can poll for what is new.
 *
 * - No cursor: the last `limit` lines within the last `maxBytes` bytes.
 * - Cursor ≤ size: lines from the cursor on, at most `limit` lines / `maxBytes` bytes; when cut
 *   short, `truncated` is set and `cursor` points just after the last returned line.
 * - Cursor > size: the file was rotated or truncated → `reset: true`, then as with no cursor.
 *
 * An unfinished last line (no newline yet) is never returned; the cursor stops before it.
 * Memory is bounded by maxBytes: the file is read in windows, never whole.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

export interface LogTailRequest {
  file: string;
  /** Byte offset into the current file, as returned by the previous call. */
  cursor?: number;
  /** 1..5000, default 500. */
  limit?: number;
  /** 1..1000000, default 250000. */
  maxBytes?: number;
}

export interface LogTailResult {
  file: string;
  cursor: number;
  size: number;
  lines: string[];
  truncated?: boolean;
  reset?: boolean;
}

export const LOG_TAIL_LIMITS = {
  defaultLimit: 500,
  maxLimit: 5000,
  defaultMaxBytes: 250_000,
  maxMaxBytes: 1_000_000,
} as const;

const NEWLINE = 0x0a;
/** Chunk size when scanning past a line that is too long to return. */
const SCAN_CHUNK_BYTES = 64 * 1024;

type TailSlice = Pick<LogTailResult, 'cursor' | 'lines' | 'truncated'>;

export async function tailLogFile(req: LogTailRequest): Promise<LogTailResult> {
  const limit = clampInteger(req.limit, 1, LOG_TAIL_LIMITS.maxLimit, LOG_TAIL_LIMITS.defaultLimit);
  const maxBytes = clampInteger(req.maxBytes, 1, LOG_TAIL_LIMITS.maxMaxBytes, LOG_TAIL_LIMITS.defaultMaxBytes);
  const cursor = validCursor(req.cursor);

  let handle: FileHandle;
  try {
    handle = await open(req.file, 'r');
  } catch (error) {
    if (isMissingFileError(error)) return { file: req.file, cursor: 0, size: 0, lines: [] };
    throw error;
  }
  try {
    // Size from the open handle: if the file is rotated meanwhile we keep reading one
    // consistent file, and the next call's cursor > size reports the reset.
    const { size } = await handle.stat();
    if (cursor !== undefined && cursor <= size) {
      return withoutFalseFlags({ file: req.file, size, ...(await readForward(handle, cursor, size, limit, maxBytes)) });
    }
    const tail = await readTail(handle, size, limit, maxBytes);
    return withoutFalseFlags({ file: req.file, size, ...tail, reset: cursor !== undefined });
  } finally {
    await handle.close();
  }
}

/** Lines starting at `cursor`, oldest first. */
async function readForward(handle: FileHandle, cursor: number, size: number, limit: number, maxBytes: number): Promise<TailSlice> {
  let start = cursor;
  if (start > 0 && (await byteAt(handle, start - 1)) !== NEWLINE) {
    // The cursor points inside a line (a tail window that began in an oversized line, or a
    // cursor from before a rotation): skip that fragment rather than return half a line.
    const fragmentEnd = await findNewline(handle, start, size, maxBytes);
    if (fragmentEnd < 0) return { cursor, lines: [] };
    start = fragmentEnd + 1;
  }

  const windowEnd = Math.min(size, start + maxBytes);
  const window = await readRange(handle, start, windowEnd - start);
  const lines: string[] = [];
  let consumed = 0;
  let stoppedAtLimit = false;
  for (let newline = window.indexOf(NEWLINE); newline >= 0; newline = window.indexOf(NEWLINE, consumed)) {
    const line = window.toString('utf8', consumed, newline);
    if (line.length > 0) {
      if (lines.length === limit) {
        stoppedAtLimit = true;
        break;
      }
      lines.push(line);
    }
    consumed = newline + 1;
  }

  if (consumed === 0 && window.length === maxBytes && windowEnd < size) {
    // One line longer than maxBytes: it can never be returned, so step over it.
    const lineEnd = await findNewline(handle, windowEnd, size, maxBytes);
    if (lineEnd < 0) return { cursor: start, lines: [] };
    return { cursor: lineEnd + 1, lines: [], truncated: true };
  }
  return { cursor: start + consumed, lines, truncated: stoppedAtLimit || windowEnd < size };
}

/** The newest complete lines that fit in the last maxBytes of the file, oldest first. */
async function readTail(handle: FileHandle, size: number, limit: number, maxBytes: number): Promise<TailSlice> {
  if (size === 0) return { cursor: 0, lines: [] };
  const windowStart = Math.max(0, size - maxBytes);
  const window = await readRange(handle, windowStart, size - windowStart);
  const lastNewline = window.lastIndexOf(NEWLINE);
  if (lastNewline < 0) {
    // Only an unfinished line, or the window sits inside one oversized line. Park the cursor
    // at the window start; readForward skips the fragment once the line is complete.
    return { cursor: windowStart, lines: [], truncated: windowStart > 0 };
  }

  const startsOnLineBoundary = windowStart === 0 || (await byteAt(handle, windowStart - 1)) === NEWLINE;
  const firstLineStart = startsOnLineBoundary ? 0 : window.indexOf(NEWLINE) + 1;
  const newestFirst: string[] = [];
  let stoppedAtLimit = false;
  for (let lineEnd = lastNewline; lineEnd >= firstLineStart; ) {
    const previousNewline = lineEnd === 0 ? -1 : window.lastIndexOf(NEWLINE, lineEnd - 1);
    const line = window.toString('utf8', previousNewline + 1, lineEnd);
    if (line.length > 0) {
      if (newestFirst.length === limit) {
        stoppedAtLimit = true;
        break;
      }
      newestFirst.push(line);
    }
    lineEnd = previousNewline;
  }
  return {
    cursor: windowStart + lastNewline + 1,
    lines: newestFirst.reverse(),
    truncated: stoppedAtLimit || windowStart + firstLineStart > 0,
  };
}

async function readRange(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break; // the file shrank under us; return what exists
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function byteAt(handle: FileHandle, position: number): Promise<number | undefined> {
  const byte = await readRange(handle, position, 1);
  return byte[0];
}

/**
 * Absolute offset of the first newline at or after `from`, or -1. Reads in chunks no larger
 * than maxBytes, so even skipping a huge line stays within the caller's memory budget.
 */
async function findNewline(handle: FileHandle, from: number, size: number, maxBytes: number): Promise<number> {
  const chunkBytes = Math.min(SCAN_CHUNK_BYTES, maxBytes);
  for (let position = from; position < size; position += chunkBytes) {
    const chunk = await readRange(handle, position, Math.min(chunkBytes, size - position));
    const newline = chunk.indexOf(NEWLINE);
    if (newline >= 0) return position + newline;
    if (chunk.length === 0) break;
  }
  return -1;
}

function clampInteger(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** A negative or non-numeric cursor carries no position; treat it as "no cursor". */
function validCursor(cursor: number | undefined): number | undefined {
  if (cursor === undefined || !Number.isFinite(cursor) || cursor < 0) return undefined;
  return Math.floor(cursor);
}

function isMissingFileError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** `truncated` and `reset` appear only when true, matching the documented result shape. */
function withoutFalseFlags(result: LogTailResult): LogTailResult {
  const { truncated, reset, ...rest } = result;
  return { ...rest, ...(truncated ? { truncated } : {}), ...(reset ? { reset } : {}) };
}
