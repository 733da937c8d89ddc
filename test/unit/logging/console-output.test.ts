import { describe, expect, it } from 'vitest';
import { readJsonLines, recordingConsole, useTempLogDir } from './logging-test-kit.js';

describe('gateway logger: the console', () => {
  const temp = useTempLogDir();

  it('prints one short readable line per record in pretty style', async () => {
    const terminal = recordingConsole();
    const { logger, flush } = temp.logger({ consoleLevel: 'info', consoleStyle: 'pretty', console: terminal.stream });
    logger.info('gateway listening on ws://127.0.0.1:18789');
    logger.warn({ clientId: 'cli', attempts: 3, reason: 'token mismatch' }, 'handshake refused');
    await flush();

    const [listening, refused] = terminal.lines();
    expect(listening).toMatch(/^\d\d:\d\d:\d\d info {2}gateway listening on ws:\/\/127\.0\.0\.1:18789$/);
    expect(refused).toMatch(/^\d\d:\d\d:\d\d warn {2}handshake refused clientId=cli attempts=3 reason="token mismatch"$/);
    expect(terminal.lines()).toHaveLength(2);
  });

  it('prints an error as its message, still on one line', async () => {
    const terminal = recordingConsole();
    const { logger, flush } = temp.logger({ consoleLevel: 'info', consoleStyle: 'pretty', console: terminal.stream });
    logger.error(new Error('port 18789 is already in use'), 'gateway failed to start');
    await flush();

    expect(terminal.lines()).toHaveLength(1);
    expect(terminal.lines()[0]).toMatch(/ error gateway failed to start err="port 18789 is already in use"$/);
  });

  it('prints the same JSON line as the file in json style', async () => {
    const terminal = recordingConsole();
    const { logger, file, flush } = temp.logger({ consoleLevel: 'info', consoleStyle: 'json', console: terminal.stream });
    logger.info({ sessions: 2 }, 'ready');
    await flush();

    const printed = terminal.lines().map((line) => JSON.parse(line) as unknown);
    expect(printed).toEqual(readJsonLines(file));
    expect(printed[0]).toMatchObject({ level: 'info', msg: 'ready', sessions: 2 });
  });

  it('filters the console by consoleLevel independently of the file level', async () => {
    const terminal = recordingConsole();
    const { logger, file, flush } = temp.logger({ level: 'debug', consoleLevel: 'warn', consoleStyle: 'json', console: terminal.stream });
    logger.debug('socket frame details');
    logger.info('client connected');
    logger.warn('client slow to answer ping');
    await flush();

    expect(terminal.lines().map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['client slow to answer ping']);
    expect(readJsonLines(file).map((record) => record['msg'])).toEqual([
      'socket frame details',
      'client connected',
      'client slow to answer ping',
    ]);
  });

  it('prints debug records when consoleLevel is debug even though the file stays at info', async () => {
    const terminal = recordingConsole();
    const { logger, file, flush } = temp.logger({ level: 'info', consoleLevel: 'debug', consoleStyle: 'pretty', console: terminal.stream });
    logger.debug('verbose detail');
    await flush();

    expect(terminal.lines()[0]).toMatch(/ debug verbose detail$/);
    expect(readJsonLines(file)).toEqual([]);
  });

  it('prints nothing when consoleLevel is silent', async () => {
    const terminal = recordingConsole();
    const { logger, flush } = temp.logger({ consoleLevel: 'silent', console: terminal.stream });
    logger.fatal('only in the file');
    await flush();

    expect(terminal.text()).toBe('');
  });

  it('leaves the console stream open on close; it belongs to the caller', async () => {
    const terminal = recordingConsole();
    const { close } = temp.logger({ consoleLevel: 'info', console: terminal.stream });
    await close();

    expect(terminal.stream.writable).toBe(true);
  });
});
