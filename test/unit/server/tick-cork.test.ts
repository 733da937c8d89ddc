import { setImmediate as afterIo } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { TickCork } from '../../../gateway/core/server/tick-cork.js';

/** A socket that counts its corks and records when its writes would leave. */
function harness() {
  const socket = { corks: 0, writes: 0, destroyed: false, cork() { this.corks += 1; }, uncork() { this.corks -= 1; this.writes += 1; } };
  let now = 1_000;
  const cork = new TickCork({ _socket: socket } as unknown as WebSocket, () => now);
  return { socket, cork, advance: (ms: number) => (now += ms) };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('TickCork', () => {
  it('writes a frame after a quiet gap at the next tick, and everything held in that tick with it', async () => {
    const { socket, cork } = harness();
    cork.hold();
    cork.hold();
    expect(socket.corks).toBe(1);
    await nextTick();
    expect(socket).toMatchObject({ corks: 0, writes: 1 });
  });

  it('in a burst holds the frames until the event loop has read the rest, then writes them once', async () => {
    const { socket, cork, advance } = harness();
    cork.hold();
    await nextTick();
    advance(0.05);
    cork.hold();
    await nextTick();
    expect(socket).toMatchObject({ corks: 1, writes: 1 });
    cork.hold();
    await afterIo();
    expect(socket).toMatchObject({ corks: 0, writes: 2 });
  });

  it('is back to next-tick writes once the burst is over', async () => {
    const { socket, cork, advance } = harness();
    cork.hold();
    await nextTick();
    advance(0.05);
    cork.hold();
    await afterIo();
    advance(5);
    cork.hold();
    await nextTick();
    expect(socket).toMatchObject({ corks: 0, writes: 3 });
  });

  it('an explicit release writes at once and is not repeated by the pending turn', async () => {
    const { socket, cork } = harness();
    cork.hold();
    cork.release();
    expect(socket).toMatchObject({ corks: 0, writes: 1 });
    await afterIo();
    expect(socket.writes).toBe(1);
  });

  it('leaves a destroyed socket alone', async () => {
    const { socket, cork } = harness();
    socket.destroyed = true;
    cork.hold();
    await afterIo();
    expect(socket).toMatchObject({ corks: 0, writes: 0 });
  });
});
