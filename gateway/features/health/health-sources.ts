import type { AgentRoster } from '../../core/config/index.js';
import type { AgentHealth, HealthSources, SessionsHealth } from './health-monitor.js';
import type { GatewayStore } from '../../core/store/gateway-store.js';

// OpenClaw's defaults; this gateway does not schedule heartbeats yet, so they are reported off.
const DEFAULT_HEARTBEAT_EVERY = '30m';
const DEFAULT_HEARTBEAT_PROMPT = 'Read HEARTBEAT.md if it exists and follow it; reply HEARTBEAT_OK if nothing needs attention.';
const DEFAULT_ACK_MAX_CHARS = 300;

const RECENT_SESSIONS = 5;

export function healthSources(roster: () => AgentRoster, store: GatewayStore): HealthSources {
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
        heartbeat: {
          enabled: false,
          every: DEFAULT_HEARTBEAT_EVERY,
          everyMs: null,
          prompt: DEFAULT_HEARTBEAT_PROMPT,
          target: 'owner',
          ackMaxChars: DEFAULT_ACK_MAX_CHARS,
        },
        sessions: sessions(agent.id),
      })),
    defaultAgentId: () => roster().defaultAgentId ?? undefined,
    sessions: () => sessions(),
    heartbeatSeconds: () => 0,
  };
}
