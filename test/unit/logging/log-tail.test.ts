import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tailLogFile, type LogTailRequest } from '../../../gateway/features/logs/log-tail.js';
import { useTempLogDir } from './logging-test-kit.js';

const lineOf = (seq: number): string => JSON.stringify({ level: 'info', seq, msg: `line ${seq}` });
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('tailLogFile', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-tail-'));
    file = path.join(dir, 'gatehouse.log');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeLines = (lines: string[]): void => fs.writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
  const appendLines = (lines: string[]): void => fs.appendFileSync(file, lines.map((line) => `${line}\n`).join(''));
  const numbered = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, index) => lineOf(from + index));

  /** Follows the cursor until nothing new arrives, as a polling client would. */
  async function readAllWithCursor(request: Omit<LogTailRequest, 'file' | 'cursor'>): Promise<{ lines: string[]; calls: number }> {
    const lines: string[] = [];
    let cursor = 0;
    for (let calls = 1; calls < 10_000; calls += 1) {
      const result = await tailLogFile({ file, cursor, ...request });
      lines.push(...result.lines);
      expect(result.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = result.cursor;
      if (!result.truncated) return { lines, calls };
    }
    throw new Error('cursor never settled');
  }

  it('answers an empty result for a log file that does not exist yet', async () => {
    expect(await tailLogFile({ file })).toEqual({ file, cursor: 0, size: 0, lines: [] });
  });

  describe('without a cursor', () => {
    it('returns every line of a small file and a cursor at its end', async () => {
      writeLines(numbered(0, 3));
      const size = fs.statSync(file).size;

      expect(await tailLogFile({ file })).toEqual({ file, cursor: size, size, lines: numbered(0, 3) });
    });

    it('returns only the last `limit` lines and says older ones exist', async () => {
      writeLines(numbered(0, 10));
      const result = await tailLogFile({ file, limit: 3 });

      expect(result.lines).toEqual(numbered(7, 10));
      expect(result.truncated).toBe(true);
      expect(result.cursor).toBe(fs.statSync(file).size);
    });

    it('returns only complete lines within the last maxBytes', async () => {
      writeLines(numbered(0, 10));
      const lastThree = numbered(7, 10).map((line) => `${line}\n`).join('');
      const result = await tailLogFile({ file, maxBytes: bytes(lastThree) + 5 });

      expect(result.lines).toEqual(numbered(7, 10));
      expect(result.truncated).toBe(true);
    });

    it('keeps a line that starts exactly at the window edge', async () => {
      writeLines(numbered(0, 10));
      const lastThree = numbered(7, 10).map((line) => `${line}\n`).join('');

      expect((await tailLogFile({ file, maxBytes: bytes(lastThree) })).lines).toEqual(numbered(7, 10));
    });

    it('clamps limit and maxBytes into their allowed ranges', async () => {
      writeLines(numbered(0, 3));

      expect((await tailLogFile({ file, limit: 0 })).lines).toEqual(numbered(2, 3));
      expect((await tailLogFile({ file, limit: 1_000_000, maxBytes: 10_000_000 })).lines).toEqual(numbered(0, 3));
    });
  });

  describe('with a cursor', () => {
    it('returns only what was appended since the previous call', async () => {
      writeLines(numbered(0, 3));
      const first = await tailLogFile({ file });
      appendLines(numbered(3, 5));
      const second = await tailLogFile({ file, cursor: first.cursor });

      expect(second.lines).toEqual(numbered(3, 5));
      expect(second.cursor).toBe(fs.statSync(file).size);
      expect(second.truncated).toBeUndefined();
      expect(second.reset).toBeUndefined();
      expect((await tailLogFile({ file, cursor: second.cursor })).lines).toEqual([]);
    });

    it('pages by `limit`, with the cursor just after the last returned line', async () => {
      writeLines(numbered(0, 10));
      const page = await tailLogFile({ file, cursor: 0, limit: 4 });

      expect(page.lines).toEqual(numbered(0, 4));
      expect(page.truncated).toBe(true);
      expect(page.cursor).toBe(bytes(numbered(0, 4).map((line) => `${line}\n`).join('')));
      expect(await readAllWithCursor({ limit: 4 })).toEqual({ lines: numbered(0, 10), calls: 3 });
    });

    it('pages by `maxBytes` without losing or repeating a line', async () => {
      writeLines(numbered(0, 50));
      const { lines, calls } = await readAllWithCursor({ maxBytes: 200 });

      expect(lines).toEqual(numbered(0, 50));
      expect(calls).toBeGreaterThan(5);
    });

    it('resets when the cursor is past the end, as after a rotation', async () => {
      writeLines(numbered(0, 20));
      const before = await tailLogFile({ file });
      fs.renameSync(file, `${file}.1`);
      writeLines(numbered(20, 22));

      const after = await tailLogFile({ file, cursor: before.cursor });
      expect(after).toEqual({ file, cursor: fs.statSync(file).size, size: fs.statSync(file).size, lines: numbered(20, 22), reset: true });
    });
  });

  describe('an unfinished last line', () => {
    it('is held back, with the cursor before it, until its newline arrives', async () => {
      fs.writeFileSync(file, `${lineOf(0)}\n${lineOf(1)}\n{"level":"info","se`);
      const first = await tailLogFile({ file });

      expect(first.lines).toEqual(numbered(0, 2));
      expect(first.cursor).toBe(bytes(`${lineOf(0)}\n${lineOf(1)}\n`));
      expect(first.size).toBe(fs.statSync(file).size);
      expect((await tailLogFile({ file, cursor: first.cursor })).lines).toEqual([]);

      fs.appendFileSync(file, `q":2}\n`);
      expect((await tailLogFile({ file, cursor: first.cursor })).lines).toEqual(['{"level":"info","seq":2}']);
    });

    it('is not returned when it is all the file holds', async () => {
      fs.writeFileSync(file, '{"level":"info"');

      expect(await tailLogFile({ file })).toEqual({ file, cursor: 0, size: 15, lines: [] });
    });
  });

  describe('multi-byte UTF-8', () => {
    const wide = ['{"msg":"grüße"}', '{"msg":"日本語のログ"}', '{"msg":"🦞 lobster"}', '{"msg":"ascii"}'];

    it('counts the cursor in bytes, not characters', async () => {
      writeLines(wide);
      const result = await tailLogFile({ file, limit: 2 });

      expect(result.lines).toEqual(wide.slice(2));
      expect(result.cursor).toBe(bytes(wide.map((line) => `${line}\n`).join('')));
      expect(result.cursor).toBeGreaterThan(wide.join('\n').length + 1);
      const continued = await tailLogFile({ file, cursor: bytes(`${wide[0]}\n`), limit: 1 });
      expect(continued.lines).toEqual([wide[1]]);
    });

    it('never splits a character when maxBytes cuts through one', async () => {
      writeLines(wide);
      for (let maxBytes = 10; maxBytes <= 40; maxBytes += 1) {
        const tail = await tailLogFile({ file, maxBytes });
        for (const line of tail.lines) expect(wide).toContain(line);
      }
      expect((await readAllWithCursor({ maxBytes: 30 })).lines).toEqual(wide);
    });
  });

  describe('a line longer than maxBytes', () => {
    it('is stepped over when reading by cursor, so the reader keeps moving', async () => {
      writeLines([lineOf(0), `{"blob":"${'x'.repeat(500)}"}`, lineOf(2)]);

      expect((await readAllWithCursor({ maxBytes: 100 })).lines).toEqual([lineOf(0), lineOf(2)]);
    });

    it('yields no fragment from the tail, and the next cursor read picks up after it', async () => {
      writeLines([lineOf(0), `{"blob":"${'x'.repeat(500)}"}`]);
      const tail = await tailLogFile({ file, maxBytes: 100 });
      expect(tail.lines).toEqual([]);
      expect(tail.truncated).toBe(true);

      appendLines([lineOf(2)]);
      expect((await tailLogFile({ file, cursor: tail.cursor, maxBytes: 100 })).lines).toEqual([lineOf(2)]);
    });
  });
});

describe('tailLogFile on the gateway logger’s own file', () => {
  const temp = useTempLogDir();
  const tailOf = (rotated: string): string[] => fs.readFileSync(rotated, 'utf8').split('\n').filter(Boolean);

  it('follows a live logger, and reports the reset when rotation leaves the cursor past the end', async () => {
    const msgs = (lines: string[]): string[] => lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    const padding = 'p'.repeat(300);
    const { logger, file } = temp.logger({ maxFileBytes: 1_000 });
    logger.info({ padding }, 'first');
    const first = await tailLogFile({ file });
    expect(msgs(first.lines)).toEqual(['first']);

    logger.info({ padding }, 'second');
    const second = await tailLogFile({ file, cursor: first.cursor });
    expect(msgs(second.lines)).toEqual(['second']);

    logger.info({ padding }, 'third, in a fresh file');
    const third = await tailLogFile({ file, cursor: second.cursor });
    expect(msgs(tailOf(`${file}.1`))).toEqual(['first', 'second']);
    expect(third.reset).toBe(true);
    expect(msgs(third.lines)).toEqual(['third, in a fresh file']);
  });
});
