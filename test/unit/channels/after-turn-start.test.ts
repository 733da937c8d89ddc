import { describe, expect, it } from 'vitest';
import { afterTurnStart } from '../../../gateway/features/channels/after-turn-start.js';

/**
 * A turn as the agent starts one: admitted in a setImmediate of its turn-start pacer, its provider
 * request written by undici in a setImmediate of its own (the reused keep-alive socket check).
 */
function startTurn(order: string[]): void {
  setImmediate(() => {
    order.push('turn started');
    setImmediate(() => order.push('model request written'));
  });
}

describe('channel work held back until a turn handed over has its model request out', () => {
  it('waits for a turn whose start was queued before it', async () => {
    const order: string[] = [];
    startTurn(order);
    await afterTurnStart().then(() => order.push('next long poll'));
    expect(order).toEqual(['turn started', 'model request written', 'next long poll']);
  });

  it('waits for a turn whose start was queued after it (the hand-over went through more promises)', async () => {
    const order: string[] = [];
    const waited = afterTurnStart().then(() => order.push('next long poll'));
    await Promise.resolve();
    startTurn(order);
    await waited;
    expect(order).toEqual(['turn started', 'model request written', 'next long poll']);
  });
});
