import type { Connection } from './connection.js';

/** The presence row of a device, whichever roles it is connected with. */
export function devicePresenceKey(deviceId: string): string {
  return `device:${deviceId}`;
}

/** Spec §13.4: presence is keyed by device, else client instance, else connection. */
export function presenceKey(connection: Connection): string {
  const session = connection.session;
  if (session?.deviceId) return devicePresenceKey(session.deviceId);
  if (session?.client.instanceId) return `instance:${session.client.instanceId}`;
  return `conn:${connection.connId}`;
}
