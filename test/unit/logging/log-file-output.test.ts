import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonLines, recordingConsole, useTempLogDir } from './logging-test-kit.js';

describe('gateway logger: the JSON Lines file', () => {
  const temp = useTempLogDir();

  it('writes one JSON object per line with level, time and msg, into a new private file', async () => {
    const { logger, file, close } = temp.logger();
    logger.info({ port: 18789 }, 'gateway listening on ws://127.0.0.1:18789');
    logger.warn('config reloaded with warnings');
    await close();

    expect(file).toBe(path.join(temp.dir(), 'logs', 'gatehouse.log'));
    const records = readJsonLines(file);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ level: 'info', msg: 'gateway listening on ws://127.0.0.1:18789', port: 18789, pid: process.pid });
    expect(records[1]).toMatchObject({ level: 'warn', msg: 'config reloaded with warnings' });
    for (const record of records) expect(Number.isNaN(Date.parse(String(record['time'])))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes only records at or above logging.level', async () => {
    const { logger, file, close } = temp.logger({ level: 'warn', consoleLevel: 'debug', console: recordingConsole().stream });
    logger.debug('debug detail');
    logger.info('routine');
    logger.warn('worth a look');
    logger.error('broken');
    await close();

    expect(readJsonLines(file).map((record) => record['msg'])).toEqual(['worth a look', 'broken']);
  });

  it('writes nothing to the file when logging.level is silent', async () => {
    const { logger, file, close } = temp.logger({ level: 'silent' });
    logger.error('nobody hears this');
    await close();

    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').toBe('');
  });

  it('has the line on disk as soon as the log call returns (survives kill -9)', () => {
    const { logger, file } = temp.logger();
    logger.info('written before anyone awaits');

    expect(fs.readFileSync(file, 'utf8')).toContain('"msg":"written before anyone awaits"');
  });

  it('appends to an existing file and finishes a line a crashed process left half written', async () => {
    const file = path.join(temp.dir(), 'logs', 'gatehouse.log');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"level":"info","msg":"before"}\n{"level":"info","ms');

    const { logger, close } = temp.logger();
    logger.info('after restart');
    await close();

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('{"level":"info","msg":"before"}');
    expect(lines[1]).toBe('{"level":"info","ms');
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ msg: 'after restart' });
  });

  it('drops records logged after close, from the logger and its children', async () => {
    const gateway = temp.logger();
    const child = gateway.logger.child({ module: 'sessions' });
    gateway.logger.info('before close');
    await gateway.close();
    await gateway.close();
    gateway.logger.info('after close');
    child.info('child after close');

    expect(readJsonLines(gateway.file).map((record) => record['msg'])).toEqual(['before close']);
  });

  it('rejects a level name that is not a pino level', () => {
    expect(() => temp.logger({ level: 'verbose' })).toThrow(/logging\.level must be one of .*got "verbose"/);
  });
});
