import type { HeartbeatEvent } from '../../../shared/protocol/health/results.js';
import type { AgentTurns } from '../../agent/agent-turns.js';
import type { WakeRequest } from '../../agent/wake-requests.js';
import { MAX_TIMER_ARM_MS, type Timers } from '../../core/runtime/timers.js';
import { readHeartbeatFile, type HeartbeatFileState } from './heartbeat-file.js';
import type { HeartbeatRepository } from './heartbeat-repository.js';
import { runHeartbeat, type HeartbeatRunDeps } from './heartbeat-run.js';
import type { AgentHeartbeatSettings } from './heartbeat-settings.js';
import type { HeartbeatState } from './heartbeat-state.js';

/** A wake that finds the session busy tries again this often (OpenClaw: 1 s) ... */
const BUSY_RETRY_MS = 1_000;
/** ... this many times, then reports the skip; the queued events wait for the next turn. */
const BUSY_RETRIES = 30;

export interface HeartbeatServiceOptions {
  now(): number;
  timers: Timers;
  settings(): { agents: readonly AgentHeartbeatSettings[]; defaultAgentId: string | undefined };
  turns: AgentTurns;
  requestsInFlight(sessionKey: string): number;
  queuedSystemEvents(sessionKey: string): number;
  readHeartbeatFile?(workspace: string): Promise<HeartbeatFileState>;
  repository: HeartbeatRepository;
  /** Where alerts go out to a chat (the channels feature's delivery port). */
  delivery?: HeartbeatRunDeps['delivery'];
  state: HeartbeatState;
  publish(event: HeartbeatEvent): void;
  logger: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
}

/**
 * Runs each agent's heartbeat on its cadence (one timer to the earliest due agent), and at once
 * when someone asks through a wake request; records and publishes every outcome.
 */
export class HeartbeatService {
  private enabled = true;
  private agents: readonly AgentHeartbeatSettings[] = [];
  private defaultAgentId: string | undefined;
  private readonly nextDue = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  /** A wake that arrived while that agent's heartbeat ran: run once more afterwards. */
  private readonly pendingWake = new Map<string, string>();
  private readonly retries = new Set<unknown>();
  private timer: unknown;
  private stopped = false;

  constructor(private readonly options: HeartbeatServiceOptions) {}

  start(): void {
    this.enabled = this.options.repository.switchState() ?? true;
    this.reconfigure();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.timers.clear(this.timer);
    for (const handle of this.retries) this.options.timers.clear(handle);
    this.retries.clear();
    this.timer = undefined;
  }

  /** Settles once every heartbeat in progress has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** The config changed (or the switch): re-read the settings and re-arm the timer. */
  reconfigure(): void {
    const { agents, defaultAgentId } = this.options.settings();
    const previous = new Map(this.agents.map((agent) => [agent.agentId, agent.everyMs]));
    this.agents = agents;
    this.defaultAgentId = defaultAgentId;
    const now = this.options.now();
    for (const agent of agents) {
      if (!agent.scheduled || !this.enabled) {
        this.nextDue.delete(agent.agentId);
        continue;
      }
      if (this.nextDue.has(agent.agentId) && previous.get(agent.agentId) === agent.everyMs) continue;
      // Anchored at the last heartbeat, so a restart does not push it back by a whole interval.
      const last = this.options.repository.lastEventOf(agent.agentId)?.ts;
      const every = agent.everyMs ?? 0;
      this.nextDue.set(agent.agentId, last === undefined ? now + every : Math.max(now, last + every));
    }
    for (const agentId of this.nextDue.keys()) {
      if (!agents.some((agent) => agent.agentId === agentId && agent.scheduled)) this.nextDue.delete(agentId);
    }
    this.publishState();
    this.arm();
  }

  /** `set-heartbeats`: persisted, so a restart does not silently resume the token spend. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.options.repository.setSwitch(enabled, this.options.now());
    if (!enabled) this.nextDue.clear();
    this.options.logger.info({ enabled }, enabled ? 'heartbeats turned on' : 'heartbeats turned off');
    this.reconfigure();
  }

  lastEvent(): HeartbeatEvent | null {
    return this.options.repository.lastEvent();
  }

  /** A wake request: `now` runs a heartbeat at once; `next-heartbeat` leaves the queue to the next one. */
  onWake(request: WakeRequest): void {
    if (request.mode !== 'now' || this.stopped) return;
    const agentId = request.agentId?.toLowerCase() ?? this.defaultAgentId;
    if (agentId === undefined) return;
    void this.run(agentId, request.reason, BUSY_RETRIES);
  }

  /** Runs one heartbeat of `agentId` now (the timer, a wake; tests call it directly). */
  run(agentId: string, trigger: string, busyRetries = 0): Promise<void> {
    const inProgress = this.running.get(agentId);
    if (inProgress) {
      this.pendingWake.set(agentId, trigger);
      return inProgress;
    }
    const settings = this.agents.find((agent) => agent.agentId === agentId);
    if (!settings) return Promise.resolve();
    const work = this.runSettled(settings, trigger, busyRetries).finally(() => {
      this.running.delete(agentId);
      const pending = this.pendingWake.get(agentId);
      this.pendingWake.delete(agentId);
      if (pending !== undefined && !this.stopped) void this.run(agentId, pending);
    });
    this.running.set(agentId, work);
    return work;
  }

  private async runSettled(settings: AgentHeartbeatSettings, trigger: string, busyRetries: number): Promise<void> {
    const { options } = this;
    const outcome = await runHeartbeat(settings, trigger, {
      now: options.now,
      enabled: () => this.enabled,
      turns: options.turns,
      requestsInFlight: options.requestsInFlight,
      queuedSystemEvents: options.queuedSystemEvents,
      readHeartbeatFile: options.readHeartbeatFile ?? readHeartbeatFile,
      repository: options.repository,
      ...(options.delivery ? { delivery: options.delivery } : {}),
      logger: options.logger,
    });
    if (!outcome.ran && outcome.reason === 'requests-in-flight' && busyRetries > 0 && !this.stopped) {
      // Someone is talking to the agent: wait for the turn to end rather than drop the wake.
      const handle = options.timers.set(() => {
        this.retries.delete(handle);
        void this.run(settings.agentId, trigger, busyRetries - 1);
      }, BUSY_RETRY_MS);
      this.retries.add(handle);
      return;
    }
    options.repository.recordEvent(settings.agentId, outcome.event);
    options.publish(outcome.event);
    options.logger.info({ agentId: settings.agentId, trigger, status: outcome.event.status, reason: outcome.event.reason }, 'heartbeat');
  }

  private onTimer(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.options.now();
    for (const agent of this.agents) {
      const due = this.nextDue.get(agent.agentId);
      if (due === undefined || due > now) continue;
      this.nextDue.set(agent.agentId, now + (agent.everyMs ?? 0));
      void this.run(agent.agentId, 'interval');
    }
    this.publishState();
    this.arm();
  }

  private arm(): void {
    if (this.timer !== undefined) this.options.timers.clear(this.timer);
    this.timer = undefined;
    if (this.stopped || this.nextDue.size === 0) return;
    const earliest = Math.min(...this.nextDue.values());
    const delay = Math.min(Math.max(0, earliest - this.options.now()), MAX_TIMER_ARM_MS);
    this.timer = this.options.timers.set(() => this.onTimer(), delay);
  }

  private publishState(): void {
    this.options.state.update(
      this.enabled,
      this.agents.map((settings) => ({ settings, nextDueMs: this.nextDue.get(settings.agentId) })),
      this.defaultAgentId,
    );
  }
}
