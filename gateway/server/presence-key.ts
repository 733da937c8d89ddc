import type { Connection } from './connection.js';

/** Spec §13.4: presence is keyed by device, else client instance, else connection. */
export function presenceKey(connection: Connection): string {
  const session = connection.session;
  if (session?.deviceId) return `device:${session.deviceId}`;
  if (session?.client.instanceId) return `instance:${session.client.instanceId}`;
  return `conn:${connection.connId}`;
}
