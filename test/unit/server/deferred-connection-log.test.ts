import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DeferredLog } from '../../../gateway/core/logging/deferred-log.js';

/** A real pino logger writing JSON lines into an array. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ base: null }, sink), lines };
}

describe('the connection lines of the listener (DeferredLog)', () => {
  it('writes nothing inside the call that logs, and every line once the turn is over, in order and with its fields', async () => {
    const { logger, lines } = recordingLogger();
    const log = new DeferredLog(() => logger);
    log.info({ connId: 'a', role: 'operator', auth: 'token' }, 'client connected');
    log.info({ connId: 'a', code: 1000 }, 'client disconnected');
    expect(lines).toEqual([]);
    await nextTurn();
    await nextTurn();
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'client connected', connId: 'a', role: 'operator', auth: 'token', level: 30 }),
      expect.objectContaining({ msg: 'client disconnected', connId: 'a', code: 1000, level: 30 }),
    ]);
  });

  it('writes what is waiting at once when flushed (the listener closing), and nothing twice', async () => {
    const { logger, lines } = recordingLogger();
    const log = new DeferredLog(() => logger);
    log.info({ connId: 'b' }, 'client connected');
    log.flush();
    await nextTurn();
    await nextTurn();
    expect(lines.map((line) => line.msg)).toEqual(['client connected']);
    log.info({ connId: 'b', code: 1012 }, 'client disconnected');
    await nextTurn();
    await nextTurn();
    expect(lines.map((line) => line.msg)).toEqual(['client connected', 'client disconnected']);
  });
});
