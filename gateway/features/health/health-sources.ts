import type { AgentRoster } from '../../core/config/index.js';
import type { AgentHealth, HealthSources, SessionsHealth } from './health-monitor.js';
import type { GatewayStore } from '../../agent/store/gateway-store.js';
import type { AgentHeartbeatSettings } from '../../../shared/protocol/health/results.js';

const RECENT_SESSIONS = 5;

/** What health reads of the heartbeat scheduler (the heartbeat feature's state, handed over by the composition root). */
export interface HeartbeatReport {
  healthOf(agentId: string): AgentHeartbeatSettings;
  heartbeatSeconds(): number;
}

export function healthSources(roster: () => AgentRoster, store: GatewayStore, heartbeats: HeartbeatReport): HealthSources {
  const sessions = (agentId?: string): SessionsHealth => {
    const now = Date.now();
    const all = store.sessions.list().filter((session) => agentId === undefined || session.agentId === agentId);
    return {
      path: store.file,
      count: all.length,
      recent: all.slice(0, RECENT_SESSIONS).map((session) => ({
        key: session.sessionKey,
        updatedAt: session.updatedAtMs,
        age: Math.max(0, now - session.updatedAtMs),
      })),
    };
  };
  return {
    agents: (): AgentHealth[] =>
      roster().agents.map((agent) => ({
        agentId: agent.id,
        ...(agent.name ? { name: agent.name } : {}),
        isDefault: agent.isDefault,
        heartbeat: heartbeats.healthOf(agent.id),
        sessions: sessions(agent.id),
      })),
    defaultAgentId: () => roster().defaultAgentId ?? undefined,
    sessions: () => sessions(),
    heartbeatSeconds: () => heartbeats.heartbeatSeconds(),
  };
}
