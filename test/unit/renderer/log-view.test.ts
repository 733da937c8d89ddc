import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../renderer/format/log-line.js';
import { emptyLogBuffer, reduceLogBuffer, type LogBuffer, type LogBufferAction } from '../../../renderer/state/log-buffer.js';

function run(actions: LogBufferAction[], max = 5, start: LogBuffer = emptyLogBuffer()): LogBuffer {
  return actions.reduce((buffer, action) => reduceLogBuffer(buffer, action, max), start);
}

const texts = (lines: { text: string }[]) => lines.map((line) => line.text);

describe('log buffer', () => {
  it('puts recent lines before lines that streamed in while they were read', () => {
    const buffer = run([{ type: 'line', text: 'live' }, { type: 'recent', lines: ['old 1', 'old 2'] }]);
    expect(texts(buffer.shown)).toEqual(['old 1', 'old 2', 'live']);
    expect(new Set(buffer.shown.map((line) => line.id)).size).toBe(3);
  });

  it('keeps only the newest lines and counts the dropped ones', () => {
    const buffer = run(['1', '2', '3', '4', '5', '6', '7'].map((text) => ({ type: 'line', text })));
    expect(texts(buffer.shown)).toEqual(['3', '4', '5', '6', '7']);
    expect(buffer.dropped).toBe(2);
  });

  it('holds new lines while paused and shows them on resume', () => {
    let buffer = run([{ type: 'line', text: 'a' }, { type: 'pause' }, { type: 'line', text: 'b' }, { type: 'line', text: 'c' }]);
    expect(texts(buffer.shown)).toEqual(['a']);
    expect(texts(buffer.held)).toEqual(['b', 'c']);
    buffer = run([{ type: 'resume' }], 5, buffer);
    expect(texts(buffer.shown)).toEqual(['a', 'b', 'c']);
    expect(buffer.held).toEqual([]);
    expect(buffer.paused).toBe(false);
  });

  it('caps held lines too, so a long pause cannot grow without bound', () => {
    const lines: LogBufferAction[] = Array.from({ length: 12 }, (_, i) => ({ type: 'line', text: String(i) }));
    const buffer = run([{ type: 'pause' }, ...lines, { type: 'resume' }]);
    expect(texts(buffer.shown)).toEqual(['7', '8', '9', '10', '11']);
    expect(buffer.dropped).toBe(7);
  });
});

describe('formatLogLine', () => {
  it('shows a pino line as time, level, message and extra fields', () => {
    const time = new Date(2026, 2, 1, 9, 5, 7).getTime();
    const line = JSON.stringify({ level: 40, time, pid: 9, hostname: 'box', msg: 'slow provider', ms: 5200, provider: 'openai' });
    expect(formatLogLine(line)).toEqual({ time: '09:05:07', level: 'warn', message: 'slow provider ms=5200 provider=openai' });
  });

  it('accepts level names and ISO times, and quotes values with spaces', () => {
    const line = JSON.stringify({ level: 'ERROR', time: '2026-03-01T10:00:00', msg: 'x', reason: 'port in use' });
    expect(formatLogLine(line)).toEqual({ time: '10:00:00', level: 'error', message: 'x reason="port in use"' });
  });

  it('shows anything else as it came', () => {
    expect(formatLogLine('plain text')).toEqual({ message: 'plain text' });
    expect(formatLogLine('{not json')).toEqual({ message: '{not json' });
    expect(formatLogLine('[1,2]')).toEqual({ message: '[1,2]' });
    expect(formatLogLine('{"a":1')).toEqual({ message: '{"a":1' });
  });
});
