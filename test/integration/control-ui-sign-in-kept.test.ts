import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';

// The page's IndexedDB as a map whose device-token writes the test holds open: the window in
// which a real browser may close or reload the page before the write has committed.
const stored = new Map<string, unknown>();
const heldWrites: Array<{ key: string; value: unknown; finish: (error?: Error) => void }> = [];
let holdTokenWrites = false;
vi.mock('../../renderer/web/key-value-store.js', () => ({
  keyValueStore: {
    get: async (key: string) => stored.get(key) ?? null,
    set: (key: string, value: unknown) => {
      if (!holdTokenWrites || !key.startsWith('device-token:')) {
        stored.set(key, value);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        heldWrites.push({
          key,
          value,
          finish: (error) => {
            if (error !== undefined) {
              reject(error);
              return;
            }
            stored.set(key, value);
            resolve();
          },
        });
      });
    },
    delete: async (key: string) => {
      stored.delete(key);
    },
  },
}));

// The page's WebCrypto device identity needs a secure context; Node's WebCrypto, WebSocket and
// navigator stand in for the browser's.
(globalThis as { isSecureContext?: boolean }).isSecureContext = true;
const { GatewaySession } = await import('../../renderer/web/gateway-session.js');
type Session = InstanceType<typeof GatewaySession>;

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const deviceTokens = (): unknown[] => [...stored].filter(([key]) => key.startsWith('device-token:')).map(([, value]) => value);

describe('the browser sign-in is kept before the page says it is connected', () => {
  let gateway: GatewayProcess;
  const sessions: Session[] = [];
  const page = (): { session: Session; states: string[] } => {
    const session = new GatewaySession({ socketUrl: `${gateway.url}/`, clientVersion: '0.1.0' });
    sessions.push(session);
    const states: string[] = [];
    session.onState((state) => states.push(state.kind));
    return { session, states };
  };

  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    for (const held of heldWrites.splice(0)) held.finish();
    for (const session of sessions.splice(0)) await session.signOut();
    holdTokenWrites = false;
    stored.clear();
  });
  afterAll(async () => {
    await gateway.stop();
    removeStateDir(gateway.stateDir);
  });

  it('a pasted token: "connected" only once the issued device token is stored, and a later page signs in with it alone', async () => {
    holdTokenWrites = true;
    const first = page();
    await first.session.start();
    expect(first.session.state.kind).toBe('signed-out');
    first.session.signInWithToken(gateway.token);
    await until(() => heldWrites.length === 1, 'the device token write');
    // hello-ok is in; the page could be closed now, so it must not yet say it is signed in.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.session.state.kind).toBe('connecting');
    expect(first.states).not.toContain('connected');

    heldWrites[0]?.finish();
    await until(() => first.session.connected, 'connected');
    expect(deviceTokens()).toEqual([{ token: expect.any(String), scopes: expect.arrayContaining(['operator.admin']) }]);

    // The next visit: no pasted token, no write (a device-token connect is issued no new token).
    const second = page();
    await second.session.start();
    await until(() => second.session.connected, 'the second page connected');
    expect(second.states).not.toContain('signed-out');
    expect(heldWrites).toHaveLength(1);
  });

  it('still connects when IndexedDB refuses to keep the token', async () => {
    holdTokenWrites = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const only = page();
      await only.session.start();
      only.session.signInWithToken(gateway.token);
      await until(() => heldWrites.length === 1, 'the device token write');
      heldWrites[0]?.finish(new Error('QuotaExceededError'));
      await until(() => only.session.connected, 'connected');
      expect(deviceTokens()).toEqual([]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('QuotaExceededError'));
    } finally {
      warn.mockRestore();
    }
  });
});
