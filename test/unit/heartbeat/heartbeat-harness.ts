import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { HeartbeatEvent } from '../../../shared/protocol/health/results.js';
import type { RunResult } from '../../../gateway/agent/active-run.js';
import type { AgentTurns, TurnRequest } from '../../../gateway/agent/agent-turns.js';
import type { DeliveryRequest } from '../../../gateway/composition/feature-context.js';
import { resolveAgentRoster, type GatehouseConfig } from '../../../gateway/core/config/index.js';
import { applyFeatureMigrations } from '../../../gateway/core/store/feature-migrations.js';
import { HEARTBEAT_MIGRATIONS } from '../../../gateway/features/heartbeat/heartbeat-migrations.js';
import { HeartbeatRepository } from '../../../gateway/features/heartbeat/heartbeat-repository.js';
import type { Timers } from '../../../gateway/core/runtime/timers.js';
import { HeartbeatService } from '../../../gateway/features/heartbeat/heartbeat-service.js';
import { resolveHeartbeatSettings } from '../../../gateway/features/heartbeat/heartbeat-settings.js';
import { HeartbeatState } from '../../../gateway/features/heartbeat/heartbeat-state.js';

/** A clock and timers that move only when the test says so. */
export class ManualTime implements Timers {
  private tasks: { at: number; callback: () => void; id: number }[] = [];
  private ids = 0;
  constructor(public now: number) {}

  set(callback: () => void, delayMs: number): unknown {
    const id = ++this.ids;
    this.tasks.push({ at: this.now + delayMs, callback, id });
    return id;
  }

  clear(handle: unknown): void {
    this.tasks = this.tasks.filter((task) => task.id !== handle);
  }

  /** Moves time forward, firing every timer that falls due on the way, in order. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      const next = this.tasks.filter((task) => task.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.tasks = this.tasks.filter((task) => task !== next);
      this.now = next.at;
      next.callback();
      await settle();
    }
    this.now = target;
  }
}

/** The agent-turn port, scripted: each turn answers the next queued reply. */
export class ScriptedTurns implements AgentTurns {
  readonly requests: TurnRequest[] = [];
  readonly replies: (string | Error | { status: 'error'; message: string })[] = [];

  submit(request: TurnRequest) {
    this.requests.push(request);
    const reply = this.replies.shift() ?? 'HEARTBEAT_OK';
    if (reply instanceof Error) throw reply;
    const failed = typeof reply === 'object';
    const result = {
      status: failed ? 'error' : 'ok',
      text: failed ? '' : reply,
      stopReason: failed ? 'error' : 'stop',
      aborted: false,
      timedOut: false,
      ...(failed ? { failure: { message: reply.message } } : {}),
    } as unknown as RunResult;
    return { runId: `run-${this.requests.length}`, sessionKey: request.sessionKey ?? '', agentId: request.agentId ?? 'main', done: Promise.resolve(result), follow: () => () => {}, abort: () => {} };
  }
}

export interface Harness {
  service: HeartbeatService;
  time: ManualTime;
  turns: ScriptedTurns;
  events: HeartbeatEvent[];
  state: HeartbeatState;
  repository: HeartbeatRepository;
  workspace: string;
  inFlight: { count: number };
  queued: { count: number };
  setConfig(config: GatehouseConfig): void;
  writeHeartbeatFile(content: string): void;
  advance(ms: number): Promise<void>;
  close(): void;
}

/** A delivery port that records what went out; `noTarget`/`failWith` make it refuse or fail. */
export class RecordingDelivery {
  readonly delivered: DeliveryRequest[] = [];
  noTarget: string | undefined;
  failWith: string | undefined;
  unavailable: string | undefined;
  unavailableReason = () => this.unavailable;
  check = (_request: Omit<DeliveryRequest, 'text'>) => {
    if (this.noTarget) throw new Error(this.noTarget);
  };
  deliver = async (request: DeliveryRequest) => {
    if (this.failWith) throw new Error(this.failWith);
    this.delivered.push(request);
    return { channel: request.channel ?? 'telegram', accountId: 'default', to: request.to ?? '4242', messageIds: ['1'] };
  };
}

export function heartbeatHarness(options: { config?: GatehouseConfig; startAt?: number; database?: DatabaseSync; workspace?: string; delivery?: RecordingDelivery } = {}): Harness {
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'heartbeat-unit-'));
  const db = options.database ?? new DatabaseSync(':memory:');
  applyFeatureMigrations(db, 'heartbeat', HEARTBEAT_MIGRATIONS);
  const withWorkspace = (config: GatehouseConfig): GatehouseConfig => ({ ...config, agents: { ...config.agents, defaults: { ...config.agents?.defaults, workspace } } });
  let config = withWorkspace(options.config ?? {});
  const time = new ManualTime(options.startAt ?? Date.parse('2026-01-15T10:00:00Z'));
  const turns = new ScriptedTurns();
  const events: HeartbeatEvent[] = [];
  const state = new HeartbeatState();
  const repository = new HeartbeatRepository(db);
  const inFlight = { count: 0 };
  const queued = { count: 0 };
  const service = new HeartbeatService({
    now: () => time.now,
    timers: time,
    settings: () => {
      const roster = resolveAgentRoster(config, '/state', {});
      return { agents: resolveHeartbeatSettings(config, roster), defaultAgentId: roster.defaultAgentId ?? undefined };
    },
    turns,
    requestsInFlight: () => inFlight.count,
    queuedSystemEvents: () => queued.count,
    repository,
    ...(options.delivery ? { delivery: options.delivery } : {}),
    state,
    publish: (event) => events.push(event),
    logger: { info: () => {}, warn: () => {} },
  });
  return {
    service, time, turns, events, state, repository, workspace, inFlight, queued,
    setConfig(next) {
      config = withWorkspace(next);
      service.reconfigure();
    },
    writeHeartbeatFile: (content) => writeFileSync(join(workspace, 'HEARTBEAT.md'), content),
    advance: (ms) => time.advance(ms, () => service.idle()),
    close() {
      service.stop();
      if (!options.workspace) rmSync(workspace, { recursive: true, force: true });
    },
  };
}
