import { describe, expect, it } from 'vitest';
import {
  BURST_BYTES,
  CollectAfterBurst,
  LARGE_MESSAGE_BYTES,
  LARGE_MESSAGE_COLLECTION_SPACING_MS,
  QUIET_BYTES,
} from '../../../gateway/core/server/collect-after-burst.js';

function harness() {
  const calls: string[] = [];
  const scheduled: { work: () => void; delayMs: number }[] = [];
  let now = 10_000;
  const collector = new CollectAfterBurst({
    collect: () => calls.push('memory-reducing'),
    collectAfterLarge: () => calls.push('full'),
    schedule: (work, delayMs) => scheduled.push({ work, delayMs }),
    now: () => now,
  });
  const runScheduled = () => scheduled.splice(0).forEach(({ work }) => work());
  return { collector, calls, scheduled, runScheduled, advance: (ms: number) => (now += ms) };
}

describe('a collection after a large inbound message', () => {
  it('leaves smaller messages to V8', () => {
    const { collector, calls, scheduled } = harness();
    for (let index = 0; index < 100; index += 1) collector.received(LARGE_MESSAGE_BYTES - 1);
    expect(scheduled).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('runs once the message has been handled, not while it is', () => {
    const { collector, calls, scheduled, runScheduled } = harness();
    collector.received(LARGE_MESSAGE_BYTES);
    expect(calls).toEqual([]);
    expect(scheduled).toEqual([expect.objectContaining({ delayMs: 0 })]);
    runScheduled();
    expect(calls).toEqual(['full']);
  });

  it('is shared by the large messages that arrive before it runs', () => {
    const { collector, calls, scheduled, runScheduled } = harness();
    collector.received(LARGE_MESSAGE_BYTES);
    collector.received(4 * LARGE_MESSAGE_BYTES);
    expect(scheduled).toHaveLength(1);
    runScheduled();
    expect(calls).toEqual(['full']);
  });

  it(`comes at most once per ${LARGE_MESSAGE_COLLECTION_SPACING_MS} ms however many large messages arrive`, () => {
    const { collector, calls, scheduled, runScheduled, advance } = harness();
    collector.received(LARGE_MESSAGE_BYTES);
    runScheduled();
    advance(200);
    collector.received(LARGE_MESSAGE_BYTES);
    expect(scheduled).toEqual([expect.objectContaining({ delayMs: LARGE_MESSAGE_COLLECTION_SPACING_MS - 200 })]);
    advance(LARGE_MESSAGE_COLLECTION_SPACING_MS);
    runScheduled();
    collector.received(LARGE_MESSAGE_BYTES);
    expect(scheduled).toEqual([expect.objectContaining({ delayMs: LARGE_MESSAGE_COLLECTION_SPACING_MS })]);
    expect(calls).toEqual(['full', 'full']);
  });
});

describe('a collection after a burst', () => {
  it('runs one memory-reducing collection once a burst is followed by a quiet period', () => {
    const { collector, calls } = harness();
    collector.received(BURST_BYTES / 2);
    collector.received(BURST_BYTES / 2);
    expect(collector.check()).toBeUndefined(); // still arriving
    expect(collector.check()).toEqual({ collectedAfterBytes: BURST_BYTES });
    expect(calls).toEqual(['memory-reducing']);
    expect(collector.check()).toBeUndefined();
  });

  it('never runs for traffic below the burst size', () => {
    const { collector, calls } = harness();
    collector.received(QUIET_BYTES - 1);
    expect(collector.check()).toBeUndefined();
    expect(collector.check()).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
