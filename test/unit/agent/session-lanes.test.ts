import { describe, expect, it } from 'vitest';
import { SessionLanes } from '../../../gateway/agent/session-lanes.js';
import { TurnStartPacer } from '../../../gateway/agent/turn-start-pacer.js';

/** Counts event-loop iterations: one tick per check phase until stopped. */
function iterationCounter(): { now: () => number; stop: () => void } {
  let iterations = 0;
  let running = true;
  const tick = (): void => {
    iterations += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => iterations, stop: () => (running = false) };
}

describe('turn start pacer', () => {
  it('admits waiting callers in order, each in a later event-loop iteration than the one before', async () => {
    const pacer = new TurnStartPacer();
    const counter = iterationCounter();
    const admitted: { name: string; iteration: number }[] = [];
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) => pacer.turn().then(() => admitted.push({ name, iteration: counter.now() }))),
    );
    counter.stop();
    expect(admitted.map((entry) => entry.name)).toEqual(['a', 'b', 'c', 'd']);
    for (let index = 1; index < admitted.length; index += 1) {
      expect(admitted[index]!.iteration).toBeGreaterThan(admitted[index - 1]!.iteration);
    }
  });
  it('admits a start at once when no other waits, and the next one an iteration later', async () => {
    const pacer = new TurnStartPacer();
    const order: string[] = [];
    setImmediate(() => order.push('check phase'));
    const first = pacer.turn().then(() => order.push('start a'));
    const second = pacer.turn().then(() => order.push('start b'));
    await Promise.resolve();
    expect(order).toEqual(['start a']);
    await Promise.all([first, second]);
    expect(order).toEqual(['start a', 'check phase', 'start b']);
  });

  it("lets what an admitted start queued with setImmediate (undici's request write) run before the next start", async () => {
    const pacer = new TurnStartPacer();
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        pacer.turn().then(() => {
          order.push(`start ${name}`);
          // What a start leaves in the check phase, as undici does before writing a request on a reused socket.
          void Promise.resolve().then(() => setImmediate(() => order.push(`write ${name}`)));
        }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['start a', 'write a', 'start b', 'write b', 'start c', 'write c']);
  });

  it('runs later tasks once no start waits, one per iteration, in order', async () => {
    const pacer = new TurnStartPacer();
    const counter = iterationCounter();
    const order: { name: string; iteration: number }[] = [];
    const done = new Promise<void>((resolve) => {
      pacer.later(() => order.push({ name: 'later 1', iteration: counter.now() }));
      void pacer.turn().then(() => order.push({ name: 'start a', iteration: counter.now() }));
      pacer.later(() => {
        order.push({ name: 'later 2', iteration: counter.now() });
        resolve();
      });
      void pacer.turn().then(() => order.push({ name: 'start b', iteration: counter.now() }));
    });
    await done;
    counter.stop();
    expect(order.map((entry) => entry.name)).toEqual(['start a', 'start b', 'later 1', 'later 2']);
    expect(order[3]!.iteration).toBeGreaterThan(order[2]!.iteration);
  });
});

describe('session lanes', () => {
  it('runs one session in order and other sessions side by side, within the limit', async () => {
    const lanes = new SessionLanes(() => 2);
    const log: string[] = [];
    let open = 0;
    let peak = 0;
    const job = (name: string, ms: number) => async () => {
      open += 1;
      peak = Math.max(peak, open);
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      open -= 1;
      return name;
    };
    const results = await Promise.all([
      lanes.enqueue('s1', job('s1-a', 20)),
      lanes.enqueue('s1', job('s1-b', 1)),
      lanes.enqueue('s2', job('s2-a', 5)),
      lanes.enqueue('s3', job('s3-a', 5)),
    ]);
    expect(results).toEqual(['s1-a', 's1-b', 's2-a', 's3-a']);
    expect(peak).toBe(2);
    expect(log.indexOf('start s1-b')).toBeGreaterThan(log.indexOf('end s1-a'));
  });

  it('keeps the lane going after a run fails', async () => {
    const lanes = new SessionLanes(() => 1);
    const failed = lanes.enqueue('s', () => Promise.reject(new Error('provider down')));
    await expect(failed).rejects.toThrow('provider down');
    await expect(lanes.enqueue('s', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
