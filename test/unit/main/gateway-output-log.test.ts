import { describe, expect, it } from 'vitest';
import { GatewayOutputLog } from '../../../main/supervisor/gateway-output-log.js';
import { LineSplitter } from '../../../main/supervisor/line-splitter.js';

describe('LineSplitter', () => {
  it('turns chunks into lines, whatever the chunk boundaries', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    splitter.push('first li');
    splitter.push('ne\r\nsecond\nthi');
    splitter.push('rd');
    expect(lines).toEqual(['first line', 'second']);
    splitter.flush();
    expect(lines).toEqual(['first line', 'second', 'third']);
  });

  it('cuts a runaway line instead of buffering it forever', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line), 4);
    splitter.push('abcdefghij');
    expect(lines).toEqual(['abcd', 'efgh']);
  });
});

describe('GatewayOutputLog', () => {
  it('keeps only the last N lines, oldest first', () => {
    const log = new GatewayOutputLog({ ringSize: 3, now: () => 42 });
    for (const text of ['one', 'two', 'three', 'four']) log.append('stdout', text, 7);
    expect(log.lines()).toEqual([
      { ts: 42, stream: 'stdout', pid: 7, text: 'two' },
      { ts: 42, stream: 'stdout', pid: 7, text: 'three' },
      { ts: 42, stream: 'stdout', pid: 7, text: 'four' },
    ]);
    expect(log.lines(1).map((line) => line.text)).toEqual(['four']);
  });

  it('masks the gateway token wherever it shows up', () => {
    const log = new GatewayOutputLog();
    log.setSecrets(['secret-token-123456', undefined, 'short']);
    log.append('stderr', 'auth token=secret-token-123456 rejected; short stays');
    expect(log.lines()[0]?.text).toBe('auth token=*** rejected; short stays');
  });

  it('finds the last lines of one process and stream, and tells live listeners', () => {
    const log = new GatewayOutputLog();
    const heard: string[] = [];
    const off = log.subscribe((line) => heard.push(line.text));
    log.append('stderr', 'old process', 1);
    log.append('stderr', 'gatehouse: port busy', 2);
    log.append('stdout', 'not stderr', 2);
    log.append('stderr', '   ', 2);
    off();
    log.append('stderr', 'after unsubscribe', 3);
    expect(log.lastLines('stderr', 5, 2)).toEqual(['gatehouse: port busy']);
    expect(log.lastLines('stderr', 2)).toEqual(['gatehouse: port busy', 'after unsubscribe']);
    expect(heard).toEqual(['old process', 'gatehouse: port busy', 'not stderr', '   ']);
  });
});
