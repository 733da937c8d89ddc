import { beforeEach, describe, expect, it, vi } from 'vitest';

// IndexedDB stands in as a map that counts reads: what matters is how many round trips sign-in makes.
const stored = new Map<string, unknown>();
let reads = 0;
vi.mock('../../../renderer/web/key-value-store.js', () => ({
  keyValueStore: {
    get: async (key: string) => {
      reads += 1;
      return stored.get(key) ?? null;
    },
    set: async (key: string, value: unknown) => {
      stored.set(key, value);
    },
    delete: async (key: string) => {
      stored.delete(key);
    },
  },
}));

const { deviceTokenStore, prefetchDeviceToken } = await import('../../../renderer/web/device-token-store.js');

const key = { clientId: 'openclaw-control-ui', deviceId: 'd-1', role: 'operator' };
const record = { token: 'device-token-1', scopes: ['operator.admin'] };

beforeEach(() => {
  stored.clear();
  stored.set('device-token:openclaw-control-ui:d-1:operator', record);
  reads = 0;
});

describe('the device token store', () => {
  it('answers the start\'s "signed in before?" and the first connect\'s load from one prefetched read', async () => {
    prefetchDeviceToken(key);
    expect(await deviceTokenStore.has(key)).toBe(true);
    expect(await deviceTokenStore.load(key)).toEqual(record);
    expect(reads).toBe(1);
  });

  it('reads afresh on a later connect, so a token stored meanwhile by another tab is seen', async () => {
    prefetchDeviceToken(key);
    await deviceTokenStore.load(key);
    stored.set('device-token:openclaw-control-ui:d-1:operator', { token: 'device-token-2', scopes: ['operator.admin'] });
    expect(await deviceTokenStore.load(key)).toEqual({ token: 'device-token-2', scopes: ['operator.admin'] });
    expect(reads).toBe(2);
  });

  it('forgets the prefetched read when this page stores or clears the token', async () => {
    prefetchDeviceToken(key);
    await deviceTokenStore.clear(key);
    expect(await deviceTokenStore.has(key)).toBe(false);
    expect(await deviceTokenStore.load(key)).toBeNull();

    prefetchDeviceToken(key);
    await deviceTokenStore.store({ ...key, token: 'device-token-3', scopes: ['operator.admin'] });
    expect(await deviceTokenStore.load(key)).toEqual({ token: 'device-token-3', scopes: ['operator.admin'] });
  });

  it('does not hand one device\'s prefetched token to another', async () => {
    prefetchDeviceToken(key);
    expect(await deviceTokenStore.load({ ...key, deviceId: 'd-2' })).toBeNull();
  });

  it('keeps what is not a token record out', async () => {
    stored.set('device-token:openclaw-control-ui:d-1:operator', { token: '', scopes: 'all' });
    prefetchDeviceToken(key);
    expect(await deviceTokenStore.has(key)).toBe(false);
  });
});
