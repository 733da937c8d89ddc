/**
 * The device token the gateway issued this browser (hello-ok `auth.deviceToken`), kept in
 * IndexedDB per (client id, device id, role) as protocol §11 asks, with the scopes it carries.
 * It is what signs this browser in after the first visit; the login code or pasted shared token
 * is never stored.
 */
import type { GatewayBrowserDeviceTokenRecord, GatewayBrowserDeviceTokenStore } from '@openclaw/gateway-client/browser';
import { keyValueStore } from './key-value-store';

const keyOf = ({ clientId, deviceId, role }: { clientId: string; deviceId: string; role: string }): string => `device-token:${clientId}:${deviceId}:${role}`;

function isRecord(value: unknown): value is GatewayBrowserDeviceTokenRecord {
  if (value === null || typeof value !== 'object') return false;
  const { token, scopes } = value as Record<string, unknown>;
  return typeof token === 'string' && token !== '' && Array.isArray(scopes) && scopes.every((scope) => typeof scope === 'string');
}

export const deviceTokenStore: GatewayBrowserDeviceTokenStore & { has(params: { clientId: string; deviceId: string; role: string }): Promise<boolean> } = {
  load: async (params) => {
    const stored = await keyValueStore.get(keyOf(params));
    return isRecord(stored) ? stored : null;
  },
  store: async (params) => {
    await keyValueStore.set(keyOf(params), { token: params.token, scopes: [...params.scopes] });
  },
  clear: async (params) => {
    await keyValueStore.delete(keyOf(params));
  },
  has: async (params) => isRecord(await keyValueStore.get(keyOf(params))),
};
