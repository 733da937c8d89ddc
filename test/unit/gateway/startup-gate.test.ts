import { describe, expect, it } from 'vitest';
import { StartupGate } from '../../../gateway/composition/startup-gate.js';

/** Whether `promise` settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

describe('StartupGate: the rest of the start and the first client', () => {
  it('goes on at once when no client dialled during the start', async () => {
    const gate = new StartupGate<object>();
    gate.pending('request');
    gate.ready({});
    expect(await settlesWithin(gate.firstHandshakeAnswered(10_000), 50)).toBe(true);
  });

  it('waits for the hello-ok of a client that dialled during the start', async () => {
    const gate = new StartupGate<object>();
    expect(gate.pending('upgrade')).toBeInstanceOf(Promise);
    gate.ready({});
    const answered = gate.firstHandshakeAnswered(10_000);
    expect(await settlesWithin(answered, 100)).toBe(false);
    gate.handshakeAnswered();
    expect(await settlesWithin(answered, 20)).toBe(true);
  });

  it('counts a client whose upgrade is read only once the parts are built', async () => {
    const gate = new StartupGate<object>();
    gate.ready({});
    const answered = gate.firstHandshakeAnswered(10_000);
    // The listener asks on every upgrade; after the parts are built it is let through at once.
    expect(gate.pending('upgrade')).toBeUndefined();
    expect(await settlesWithin(answered, 100)).toBe(false);
    gate.handshakeAnswered();
    expect(await settlesWithin(answered, 20)).toBe(true);
  });

  it('goes on after the cap when the client never finishes its handshake', async () => {
    const gate = new StartupGate<object>();
    gate.pending('upgrade');
    gate.ready({});
    expect(await settlesWithin(gate.firstHandshakeAnswered(60), 200)).toBe(true);
  });
});

describe('StartupGate: a hello-ok that comes early', () => {
  it('is not missed when it is sent while the gateway still lets the event loop read requests', async () => {
    const gate = new StartupGate<object>();
    gate.pending('upgrade');
    gate.ready({});
    const answered = gate.firstHandshakeAnswered(10_000);
    gate.handshakeAnswered();
    expect(await settlesWithin(answered, 50)).toBe(true);
  });
});
