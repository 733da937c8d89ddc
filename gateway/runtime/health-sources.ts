import type { AgentRoster } from '../config/index.js';
import type { AgentHealth, HealthSources, SessionsHealth } from '../events/health-monitor.js';

// OpenClaw's defaults; this gateway does not schedule heartbeats yet, so they are reported off.
const DEFAULT_HEARTBEAT_EVERY = '30m';
const DEFAULT_HEARTBEAT_PROMPT = 'Read HEARTBEAT.md if it exists and follow it; reply HEARTBEAT_OK if nothing needs attention.';
const DEFAULT_ACK_MAX_CHARS = 300;

export function healthSources(roster: () => AgentRoster, storeFile: string): HealthSources {
  const sessions = (): SessionsHealth => ({ path: storeFile, count: 0, recent: [] });
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
        sessions: sessions(),
      })),
    defaultAgentId: () => roster().defaultAgentId ?? undefined,
    sessions,
    heartbeatSeconds: () => 0,
  };
}
