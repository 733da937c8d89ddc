import { HealthParams, StatusParams, SystemPresenceParams } from '../../../shared/protocol/health/params.js';
import { OPERATOR_SCOPES, scopeSatisfied } from '../../../shared/protocol/scopes.js';
import type { StatusResult } from '../../../shared/protocol/health/results.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { FeatureContext } from '../../composition/feature-context.js';

export type HealthContext = Pick<FeatureContext, 'process' | 'config' | 'store' | 'connections' | 'health' | 'heartbeats' | 'presence' | 'featureStatus'>;

const ERROR_CHARS = 120;

/**
 * `status.channelSummary`: one line per channel account from the channels feature's status entry
 * (`{telegram: [snapshot, …], …}`), e.g. "Telegram default: connected" or
 * "Telegram default: unauthorized (401 Unauthorized …)". Nothing configured → [].
 */
export function channelSummary(channels: unknown): string[] {
  if (typeof channels !== 'object' || channels === null) return [];
  const lines: string[] = [];
  for (const [channel, accounts] of Object.entries(channels)) {
    if (!Array.isArray(accounts)) continue;
    const label = channel.charAt(0).toUpperCase() + channel.slice(1);
    for (const account of accounts as unknown[]) {
      if (typeof account !== 'object' || account === null) continue;
      const { accountId, healthState, connected, lastError } = account as Record<string, unknown>;
      if (typeof accountId !== 'string') continue;
      const state = typeof healthState === 'string' ? healthState : connected === true ? 'connected' : 'not connected';
      const error = connected !== true && typeof lastError === 'string' && lastError !== '' ? lastError : undefined;
      const reason = error === undefined ? '' : ` (${error.length > ERROR_CHARS ? `${error.slice(0, ERROR_CHARS - 1)}…` : error})`;
      lines.push(`${label} ${accountId}: ${state}${reason}`);
    }
  }
  return lines;
}

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
        const features = services.featureStatus();
        const summary: StatusResult = {
          ok: true,
          version: process.version,
          bootId: process.bootId,
          host: process.hostName,
          startedAtMs: process.startedAtMs,
          uptimeMs: Date.now() - process.startedAtMs,
          authMode: config.settings().auth.mode,
          defaultAgentId: roster.defaultAgentId,
          agents: roster.agents.map((agent) => ({ agentId: agent.id, name: agent.name, isDefault: agent.isDefault })),
          heartbeat: services.heartbeats.status(),
          ...features,
          channelSummary: channelSummary(features.channels),
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
  ];
}
