import type { PresenceEntry } from '../../../shared/protocol/connect.js';
import { SystemEventParams } from '../../../shared/protocol/system/params.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

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

export type SystemContext = Pick<FeatureContext, 'store' | 'presence'>;

export function systemMethods(services: SystemContext): MethodDefinition[] {
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
        }
        return { ok: true, eventId: id };
      },
    }),
  ];
}
