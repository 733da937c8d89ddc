import type { AgentHeartbeatSettings as HealthHeartbeatSettings, StatusHeartbeat } from '../../../shared/protocol/health/results.js';
import { DEFAULT_ACK_MAX_CHARS } from './heartbeat-ack.js';
import { DEFAULT_HEARTBEAT_EVERY, DEFAULT_HEARTBEAT_PROMPT, type AgentHeartbeatSettings } from './heartbeat-settings.js';

export interface ScheduledAgent {
  readonly settings: AgentHeartbeatSettings;
  /** When the next interval heartbeat is due; undefined while none is scheduled. */
  readonly nextDueMs: number | undefined;
}

/**
 * What the heartbeat scheduler is doing right now, for `health`, `status` and the feature's own
 * status. The composition root creates it before the health monitor; the heartbeat service, built
 * later with the features, writes it. Until then it reports heartbeats as off.
 */
export class HeartbeatState {
  private enabled = false;
  private agents: readonly ScheduledAgent[] = [];
  private defaultAgentId: string | undefined;

  update(enabled: boolean, agents: readonly ScheduledAgent[], defaultAgentId: string | undefined): void {
    this.enabled = enabled;
    this.agents = agents;
    this.defaultAgentId = defaultAgentId;
  }

  private agentEnabled(agent: ScheduledAgent | undefined): boolean {
    return this.enabled && agent !== undefined && agent.settings.scheduled;
  }

  /** An agent's entry in the health snapshot (spec §13.2 `agents[].heartbeat`). */
  healthOf(agentId: string): HealthHeartbeatSettings {
    const agent = this.agents.find((candidate) => candidate.settings.agentId === agentId);
    if (!agent) {
      return { enabled: false, every: DEFAULT_HEARTBEAT_EVERY, everyMs: null, prompt: DEFAULT_HEARTBEAT_PROMPT, target: 'none', ackMaxChars: DEFAULT_ACK_MAX_CHARS };
    }
    const { settings } = agent;
    return {
      enabled: this.agentEnabled(agent),
      every: settings.every,
      everyMs: settings.everyMs,
      prompt: settings.prompt,
      target: settings.target,
      ...(settings.model ? { model: settings.model } : {}),
      session: settings.sessionKey,
      ackMaxChars: DEFAULT_ACK_MAX_CHARS,
    };
  }

  /** The default agent's cadence in seconds while it heartbeats, else 0 (spec §13.2 `heartbeatSeconds`). */
  heartbeatSeconds(): number {
    const agent = this.agents.find((candidate) => candidate.settings.agentId === this.defaultAgentId);
    return this.agentEnabled(agent) ? Math.round((agent!.settings.everyMs ?? 0) / 1_000) : 0;
  }

  /** `status.heartbeat`: the switch and each agent's schedule with its next due time. */
  status(): StatusHeartbeat {
    return {
      enabled: this.enabled,
      ...(this.defaultAgentId ? { defaultAgentId: this.defaultAgentId } : {}),
      agents: this.agents.map((agent) => ({
        agentId: agent.settings.agentId,
        enabled: this.agentEnabled(agent),
        every: agent.settings.every,
        everyMs: agent.settings.everyMs,
        ...(this.agentEnabled(agent) && agent.nextDueMs !== undefined ? { nextDueMs: agent.nextDueMs } : {}),
      })),
    };
  }
}
