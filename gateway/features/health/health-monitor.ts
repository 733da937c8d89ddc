import { HEALTH_REFRESH_INTERVAL_MS } from '../../../shared/protocol/limits.js';
import type { EventBus } from '../../core/events/event-bus.js';
import type { StateVersions } from '../../core/events/state-versions.js';
import type { AgentHealth, HealthSnapshot, SessionsHealth } from '../../../shared/protocol/health/results.js';

// The snapshot's shapes are the protocol's (spec §13.2): the `health` result and event payload.
export type { AgentHealth, HealthSnapshot, SessionsHealth } from '../../../shared/protocol/health/results.js';

/** Everything a health probe reads, passed in so the probe itself stays a pure summary. */
export interface HealthSources {
  agents(): AgentHealth[];
  defaultAgentId(): string | undefined;
  sessions(): SessionsHealth;
  heartbeatSeconds(): number;
}

/**
 * Spec §13.2: the snapshot is cached for 60 s, refreshed on a timer (which bumps
 * stateVersion.health and broadcasts `health`), and probed live on demand.
 */
export class HealthMonitor {
  private cached: HealthSnapshot | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sources: HealthSources,
    private readonly bus: EventBus,
    private readonly versions: StateVersions,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), HEALTH_REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  snapshot(options: { probe?: boolean } = {}): HealthSnapshot {
    const cached = this.cached;
    if (!options.probe && cached && this.now() - cached.ts < HEALTH_REFRESH_INTERVAL_MS) return cached;
    return this.refresh();
  }

  /** The last snapshot without probing (hello-ok uses this; empty before the first probe). */
  last(): HealthSnapshot | Record<string, never> {
    return this.cached ?? {};
  }

  refresh(): HealthSnapshot {
    const started = performance.now();
    const defaultAgentId = this.sources.defaultAgentId();
    const snapshot: HealthSnapshot = {
      ok: true,
      ts: this.now(),
      durationMs: 0,
      channels: {},
      channelOrder: [],
      channelLabels: {},
      heartbeatSeconds: this.sources.heartbeatSeconds(),
      ...(defaultAgentId ? { defaultAgentId } : {}),
      agents: this.sources.agents(),
      sessions: this.sources.sessions(),
    };
    snapshot.durationMs = Math.round(performance.now() - started);
    this.cached = snapshot;
    this.bus.broadcast('health', snapshot, this.versions.bumpHealth());
    return snapshot;
  }
}
