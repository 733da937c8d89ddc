import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogTail } from '../../../client/logs/log-tail.js';

afterEach(() => {
  vi.useRealTimers();
});

function tailAnswer(cursor: number, lines: string[]) {
  return { file: '/state/logs/gateway.log', cursor, size: cursor, lines };
}

describe('the gateway log over logs.tail', () => {
  it('reads the recent lines, then only what was written after them', async () => {
    vi.useFakeTimers();
    const calls: unknown[] = [];
    const answers = [tailAnswer(100, ['one', 'two']), tailAnswer(130, ['three'])];
    const emitted: string[] = [];
    const tail = new LogTail({
      request: async (method, params) => {
        calls.push({ method, params });
        return answers.shift() ?? tailAnswer(130, []);
      },
      connected: () => true,
      emit: (line) => emitted.push(line),
      intervalMs: 1_000,
    });
    expect(await tail.recent()).toEqual(['one', 'two']);
    tail.follow();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(emitted).toEqual(['three']);
    expect(calls[1]).toEqual({ method: 'logs.tail', params: { cursor: 100 } });
    tail.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(2);
  });

  it('an answer in the wrong shape is refused with the method named', async () => {
    const tail = new LogTail({ request: async () => ({ lines: 'nope' }), connected: () => true, emit: () => {} });
    await expect(tail.recent()).rejects.toThrow(/logs\.tail answered in an unexpected shape/);
  });

  it('offline: no lines and no request', async () => {
    const request = vi.fn();
    const tail = new LogTail({ request, connected: () => false, emit: () => {} });
    expect(await tail.recent()).toEqual([]);
    expect(request).not.toHaveBeenCalled();
  });
});
