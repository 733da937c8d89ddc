import { HealthParams, LastHeartbeatParams, StatusParams, SystemPresenceParams } from '../../../shared/protocol/health/params.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../../shared/protocol/scopes.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

export type HealthContext = Pick<FeatureContext, 'process' | 'config' | 'store' | 'connections' | 'health' | 'presence' | 'featureStatus'>;

export function healthMethods(services: HealthContext): MethodDefinition[] {
  return [
    defineMethod({
      name: 'health',
      params: HealthParams,
      handler: ({ params }) => services.health.snapshot({ probe: params.probe === true }),
    }),
    defineMethod({
      name: 'status',
      params: StatusParams,
      handler: ({ session }) => {
        const { process, config, store, connections } = services;
        const roster = config.roster();
        const live = connections.all();
        const summary: Record<string, unknown> = {
          ok: true,
          version: process.version,
          bootId: process.bootId,
          host: process.hostName,
          startedAtMs: process.startedAtMs,
          uptimeMs: Date.now() - process.startedAtMs,
          authMode: config.settings().auth.mode,
          defaultAgentId: roster.defaultAgentId,
          agents: roster.agents.map((agent) => ({ agentId: agent.id, name: agent.name, isDefault: agent.isDefault })),
          // Heartbeats and channels report through their features' status once they exist.
          heartbeat: { enabled: false, agents: [] },
          channelSummary: [],
          ...services.featureStatus(),
          queuedSystemEvents: store.systemEvents.queuedCount(),
          connections: {
            operators: live.filter((c) => c.session?.role === 'operator').length,
            nodes: live.filter((c) => c.session?.role === 'node').length,
          },
        };
        if (scopeSatisfied(OPERATOR_SCOPES.admin, session.scopes)) {
          summary.stateDir = process.stateDir;
          summary.configPath = config.current().path;
          summary.logFile = process.logFile;
          summary.storeFile = store.file;
        }
        return summary;
      },
    }),
    defineMethod({
      name: 'system-presence',
      params: SystemPresenceParams,
      handler: () => services.presence.list(),
    }),
    defineMethod({
      name: 'last-heartbeat',
      params: LastHeartbeatParams,
      // No agent heartbeat has run on this gateway: the honest answer is null.
      handler: () => null,
    }),
  ];
}
