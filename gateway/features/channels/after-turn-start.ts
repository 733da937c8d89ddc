import { afterCheckPhases } from '../../core/runtime/check-phases.js';

/** Check phases to wait: see afterTurnStart. */
const ITERATIONS = 3;

/**
 * Resolves once a turn handed to the agent in this iteration has its provider request on the
 * wire. The agent starts a turn in a `setImmediate` of its turn-start pacer (queued before or
 * after ours, depending on how deep in promises the hand-over is) and undici writes the request
 * in a `setImmediate` of its own one iteration later (it checks a reused keep-alive socket first),
 * so three check phases from now is after that write. Channel work nobody is waiting for yet (the
 * next long poll) waits this way instead of running in front of the write, where every
 * millisecond of it was a millisecond more before the person's reply.
 */
export function afterTurnStart(): Promise<void> {
  return afterCheckPhases(ITERATIONS);
}
