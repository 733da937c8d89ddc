/**
 * The host side of the reference GatewayClient (`GatewayClientHostDeps`): signing with this
 * device's key and keeping the device tokens it is issued, all backed by DeviceIdentityStore.
 * The client keys tokens by (device, role); this adds the gateway URL, as spec §11 asks.
 */
import type { GatewayClientHostDeps } from '@openclaw/gateway-client';
import { publicKeyRawBase64Url, signPayload } from '../identity/device-key-pair.js';
import type { DeviceIdentityStore } from '../identity/device-identity-store.js';

export interface DeviceAuthHostDepsOptions {
  identity: DeviceIdentityStore;
  gatewayUrl: string;
  /** Each connection attempt, just before its socket opens. */
  beforeConnect?: () => void;
  log?: (level: 'debug' | 'error', message: string) => void;
}

export function deviceAuthHostDeps({ identity, gatewayUrl, beforeConnect, log }: DeviceAuthHostDepsOptions): GatewayClientHostDeps {
  const own = identity.clientIdentity;
  return {
    signDevicePayload: (privateKeyPem, payload) => (privateKeyPem === own.privateKeyPem ? identity.sign(payload) : signPayload(privateKeyPem, payload)),
    publicKeyRawBase64UrlFromPem: (publicKeyPem) => (publicKeyPem === own.publicKeyPem ? identity.publicKeyRawBase64Url : publicKeyRawBase64Url(publicKeyPem)),
    loadDeviceAuthToken: ({ deviceId, role }) => identity.loadToken({ gatewayUrl, deviceId, role }),
    storeDeviceAuthToken: ({ deviceId, role, token, scopes }) => identity.storeToken({ gatewayUrl, deviceId, role }, token, scopes),
    clearDeviceAuthToken: ({ deviceId, role }) => identity.clearToken({ gatewayUrl, deviceId, role }),
    ...(beforeConnect ? { beforeConnect } : {}),
    // The client redacts URLs and bearer tokens itself before logging.
    logDebug: (message) => log?.('debug', message),
    logError: (message) => log?.('error', message),
  };
}
