/**
 * The device token the gateway issued this browser (hello-ok `auth.deviceToken`), kept in
 * IndexedDB per (client id, device id, role) as protocol §11 asks, with the scopes it carries.
 * It is what signs this browser in after the first visit; the login code or pasted shared token
 * is never stored.
 */
import type { GatewayBrowserDeviceTokenRecord, GatewayBrowserDeviceTokenStore } from '@openclaw/gateway-client/browser';
import { keyValueStore } from './key-value-store.js';

interface TokenKey {
  clientId: string;
  deviceId: string;
  role: string;
}

const keyOf = ({ clientId, deviceId, role }: TokenKey): string => `device-token:${clientId}:${deviceId}:${role}`;

function isRecord(value: unknown): value is GatewayBrowserDeviceTokenRecord {
  if (value === null || typeof value !== 'object') return false;
  const { token, scopes } = value as Record<string, unknown>;
  return typeof token === 'string' && token !== '' && Array.isArray(scopes) && scopes.every((scope) => typeof scope === 'string');
}

const read = async (key: string): Promise<GatewayBrowserDeviceTokenRecord | null> => {
  const stored = await keyValueStore.get(key);
  return isRecord(stored) ? stored : null;
};

// The read early-start.ts begins as soon as the device key is known. The session's start asks
// whether a token exists and its first connect loads it; each would otherwise be an IndexedDB
// round trip whose answer waits behind the page's first render. Taken by that first load (a
// later connect reads afresh, in case another tab has been issued a newer token) and dropped by
// any write from this page.
let warm: { key: string; record: Promise<GatewayBrowserDeviceTokenRecord | null> } | undefined;

/** Starts reading the token for `params` now, for the session's start and first connect. */
export function prefetchDeviceToken(params: TokenKey): void {
  const key = keyOf(params);
  warm = { key, record: read(key) };
  // A failed read is retried by the load that would have taken it.
  warm.record.catch(() => {
    if (warm?.key === key) warm = undefined;
  });
}

function warmRecord(key: string, take: boolean): Promise<GatewayBrowserDeviceTokenRecord | null> | undefined {
  if (warm === undefined || warm.key !== key) return undefined;
  const { record } = warm;
  if (take) warm = undefined;
  return record;
}

export const deviceTokenStore: GatewayBrowserDeviceTokenStore & { has(params: TokenKey): Promise<boolean> } = {
  load: (params) => {
    const key = keyOf(params);
    return warmRecord(key, true) ?? read(key);
  },
  store: async (params) => {
    warm = undefined;
    await keyValueStore.set(keyOf(params), { token: params.token, scopes: [...params.scopes] });
  },
  clear: async (params) => {
    warm = undefined;
    await keyValueStore.delete(keyOf(params));
  },
  has: async (params) => {
    const key = keyOf(params);
    return (await (warmRecord(key, false) ?? read(key))) !== null;
  },
};
