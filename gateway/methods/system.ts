import type { PresenceEntry } from '../../shared/protocol/connect.js';
import { SystemEventParams } from '../../shared/protocol/params/system.js';
import { defineMethod, type MethodDefinition } from '../router/method-definition.js';
import type { GatewayServices } from '../runtime/gateway-services.js';

const PRESENCE_FIELDS = [
  'host',
  'ip',
  'version',
  'platform',
  'deviceFamily',
  'modelIdentifier',
  'mode',
  'reason',
  'deviceId',
  'instanceId',
] as const;

export function systemMethods(services: GatewayServices): MethodDefinition[] {
  return [
    defineMethod({
      name: 'system-event',
      params: SystemEventParams,
      idempotency: { keyOf: (params) => (params.idempotencyKey ? `system-event:${params.idempotencyKey}` : undefined) },
      handler: ({ params, session, connection }) => {
        const id = services.store.systemEvents.enqueue({
          ts: Date.now(),
          text: params.text,
          sessionKey: params.sessionKey,
          source: session.deviceId ?? session.client.id ?? connection.connId,
        });
        const key = params.deviceId ?? params.instanceId ?? params.host;
        if (key !== undefined) {
          const entry: Omit<PresenceEntry, 'ts'> = { text: params.text };
          for (const field of PRESENCE_FIELDS) {
            const value = params[field];
            if (value !== undefined) entry[field] = value;
          }
          if (params.lastInputSeconds !== undefined) entry.lastInputSeconds = Math.floor(params.lastInputSeconds);
          if (params.roles) entry.roles = params.roles;
          if (params.scopes) entry.scopes = params.scopes;
          if (params.tags) entry.tags = params.tags;
          services.presence.report(`reported:${key}`, entry);
          services.bus.broadcast('presence', { presence: services.presence.list() }, services.versions.bumpPresence());
        }
        return { ok: true, eventId: id };
      },
    }),
  ];
}
