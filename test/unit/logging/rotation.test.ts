import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonLines, useTempLogDir } from './logging-test-kit.js';

const MAX_FILE_BYTES = 2_000;

describe('gateway logger: size-based rotation', () => {
  const temp = useTempLogDir();

  /** Current file plus .1….9 that exist, oldest first. */
  function generationsOldestFirst(file: string): string[] {
    const rotated = [9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => `${file}.${n}`).filter((candidate) => fs.existsSync(candidate));
    return [...rotated, file];
  }

  it('rotates at maxFileBytes, keeps .1 to .5, and neither loses nor splits a line among those kept', async () => {
    const { logger, file, close } = temp.logger({ maxFileBytes: MAX_FILE_BYTES });
    const total = 400;
    for (let seq = 0; seq < total; seq += 1) logger.info({ seq, note: 'ü'.repeat(seq % 7) }, 'tick');
    await close();

    const generations = generationsOldestFirst(file);
    expect(generations.map((generation) => path.basename(generation))).toEqual([
      'gatehouse.log.5',
      'gatehouse.log.4',
      'gatehouse.log.3',
      'gatehouse.log.2',
      'gatehouse.log.1',
      'gatehouse.log',
    ]);
    const seqs: number[] = [];
    for (const generation of generations) {
      const content = fs.readFileSync(generation, 'utf8');
      expect(Buffer.byteLength(content)).toBeLessThanOrEqual(MAX_FILE_BYTES);
      expect(content.endsWith('\n')).toBe(true);
      for (const record of readJsonLines(generation)) seqs.push(Number(record['seq']));
    }
    // The oldest records fell off the end of .5; everything after them is present, in order.
    const first = seqs[0] ?? -1;
    expect(first).toBeGreaterThan(0);
    expect(seqs).toEqual(Array.from({ length: total - first }, (_, index) => first + index));
  });

  it('fills each file as far as the limit allows before rotating', async () => {
    const { logger, file, close } = temp.logger({ maxFileBytes: MAX_FILE_BYTES });
    for (let seq = 0; seq < 60; seq += 1) logger.info({ seq }, 'tick');
    await close();

    const rotatedSize = fs.statSync(`${file}.1`).size;
    const oneLine = Buffer.byteLength(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '') + 1;
    expect(rotatedSize).toBeGreaterThan(MAX_FILE_BYTES - oneLine - 2);
  });

  it('gives a line larger than maxFileBytes a file of its own instead of cutting it', async () => {
    const { logger, file, close } = temp.logger({ maxFileBytes: 200 });
    logger.info('small one');
    logger.info({ blob: 'x'.repeat(500) }, 'big one');
    logger.info('small two');
    await close();

    expect(readJsonLines(`${file}.2`).map((record) => record['msg'])).toEqual(['small one']);
    expect(readJsonLines(`${file}.1`).map((record) => record['msg'])).toEqual(['big one']);
    expect(readJsonLines(file).map((record) => record['msg'])).toEqual(['small two']);
  });

  it('counts what an earlier run already wrote to the file', async () => {
    const file = path.join(temp.dir(), 'logs', 'gatehouse.log');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ msg: 'previous run', pad: 'p'.repeat(150) })}\n`);

    const { logger, close } = temp.logger({ maxFileBytes: 200 });
    logger.info('first of this run');
    await close();

    expect(readJsonLines(`${file}.1`).map((record) => record['msg'])).toEqual(['previous run']);
    expect(readJsonLines(file).map((record) => record['msg'])).toEqual(['first of this run']);
  });

  it('creates rotated-into fresh files with owner-only permissions', async () => {
    const { logger, file, close } = temp.logger({ maxFileBytes: 150 });
    for (let seq = 0; seq < 5; seq += 1) logger.info({ seq }, 'tick tock tick tock');
    await close();

    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(`${file}.1`).mode & 0o777).toBe(0o600);
    }
  });

  it('recreates the log directory at the next rotation if something removed it', async () => {
    const { logger, file, close } = temp.logger({ maxFileBytes: 300 });
    logger.info('before the cleanup');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    for (let seq = 0; seq < 6; seq += 1) logger.info({ seq }, 'after the cleanup');
    await close();

    expect(readJsonLines(file).at(-1)).toMatchObject({ seq: 5, msg: 'after the cleanup' });
  });
});
