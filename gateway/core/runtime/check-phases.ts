import { setImmediate as checkPhase } from 'node:timers/promises';

/**
 * Resolves in the `count`-th check phase from now: after the setImmediate callbacks already queued
 * and, from the second phase on, after the I/O polled in between. The gateway steps aside this way
 * for work it does not want to run in front of (a request write undici queued, a client that
 * dialled during the start).
 */
export async function afterCheckPhases(count: number): Promise<void> {
  for (let phase = 0; phase < count; phase += 1) await checkPhase();
}
