import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { WakeRequests, type WakeRequest } from '../../../gateway/agent/wake-requests.js';
import type { RunResult } from '../../../gateway/agent/active-run.js';
import type { AgentTurns, TurnRequest } from '../../../gateway/agent/agent-turns.js';
import { SystemEventsRepository } from '../../../gateway/agent/store/system-events-repository.js';
import { openDatabase, type Database } from '../../../gateway/core/store/database.js';
import { applyFeatureMigrations } from '../../../gateway/core/store/feature-migrations.js';
import { CronJobRunner } from '../../../gateway/features/cron/cron-job-runner.js';
import type { DeliveryRequest } from '../../../gateway/composition/feature-context.js';
import { cronMethods } from '../../../gateway/features/cron/cron-methods.js';
import { CRON_MIGRATIONS } from '../../../gateway/features/cron/cron-migrations.js';
import { CronRepository } from '../../../gateway/features/cron/cron-repository.js';
import type { Timers } from '../../../gateway/core/runtime/timers.js';
import { CronScheduler } from '../../../gateway/features/cron/cron-scheduler.js';
import type { FailureAlertConfig } from '../../../gateway/features/cron/cron-failure-alert.js';
import type { CronEventPayload } from '../../../shared/protocol/cron/events.js';
import type { MethodDefinition } from '../../../gateway/core/router/method-definition.js';

/** A clock and a timer the test moves by hand: time passes only in `advance`. */
export class ManualTime {
  private pending: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(public now: number) {}

  readonly clock = { now: () => this.now };
  readonly timer: Timers = {
    set: (callback, delayMs) => {
      const id = this.nextId++;
      this.pending.push({ at: this.now + delayMs, callback, id });
      return id;
    },
    clear: (handle) => {
      this.pending = this.pending.filter((entry) => entry.id !== handle);
    },
  };

  /** The delay of the armed timer, if any (the scheduler keeps at most one). */
  armedDelays(): number[] {
    return this.pending.map((entry) => entry.at - this.now);
  }

  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    for (;;) {
      const due = this.pending.filter((entry) => entry.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.pending = this.pending.filter((entry) => entry !== due);
      this.now = Math.max(this.now, due.at);
      due.callback();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** An agent-turn port whose turns end as the test says (ok with a text, or an error). */
export class ScriptedTurns implements AgentTurns {
  readonly requests: TurnRequest[] = [];
  outcome: { status: 'ok'; text: string } | { status: 'error'; message: string } = { status: 'ok', text: 'all done' };
  /** When set, turns wait for this promise before ending (to hold a run open). */
  gate: Promise<void> | undefined;

  /** Holds every turn from now on open until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return release;
  }

  submit(request: TurnRequest) {
    this.requests.push(request);
    const outcome = this.outcome;
    const gate = this.gate;
    const sessionKey = request.sessionKey ?? 'agent:main:main';
    const done = (async (): Promise<RunResult> => {
      await gate;
      const base = { runId: request.runId ?? 'run', kind: 'agent', sessionKey, agentId: request.agentId ?? 'main', model: 'scripted', startedAt: 0, endedAt: 0, stopReason: 'stop', aborted: false, timedOut: false };
      return (outcome.status === 'ok'
        ? { ...base, status: 'ok', text: outcome.text }
        : { ...base, status: 'error', text: '', failure: { message: outcome.message, kind: 'unknown', retryable: false } }) as unknown as RunResult;
    })();
    return { runId: request.runId ?? 'run', sessionKey, agentId: request.agentId ?? 'main', done, follow: () => () => {}, abort: () => {} };
  }
}

export interface CronHarness {
  db: Database;
  time: ManualTime;
  turns: ScriptedTurns;
  /** What went out to chats; set `failWith` to make the next deliveries fail. */
  deliveries: { requests: DeliveryRequest[]; failWith?: string };
  wakes: WakeRequest[];
  events: CronEventPayload[];
  systemEvents: SystemEventsRepository;
  repository: CronRepository;
  scheduler: CronScheduler;
  settings: { enabled: boolean; skipMissedJobs: boolean; failureAlert?: FailureAlertConfig };
  /** Session keys the runner asked to start afresh (one per isolated run). */
  freshSessions: string[];
  methods: MethodDefinition[];
  /** Calls a method as the router would: closed params, then the handler. */
  call(method: string, params: unknown): Promise<unknown>;
  /** The same store, a new scheduler (a gateway process restart), `downMs` later. */
  restart(downMs: number): Promise<CronHarness>;
}

/** `agents`: the agents the config lists (a job naming another is skipped); every agent exists when absent. */
export function cronHarness(options: { now?: number; db?: Database; time?: ManualTime; settings?: Partial<CronHarness['settings']>; agents?: readonly string[] } = {}): CronHarness {
  const db = options.db ?? openDatabase(':memory:');
  applyFeatureMigrations(db, 'cron', CRON_MIGRATIONS);
  const time = options.time ?? new ManualTime(options.now ?? Date.parse('2024-06-03T06:00:00Z'));
  const turns = new ScriptedTurns();
  const wakeRequests = new WakeRequests();
  const wakes: WakeRequest[] = [];
  wakeRequests.subscribe((request) => wakes.push(request));
  const events: CronEventPayload[] = [];
  const systemEvents = new SystemEventsRepository(db);
  const repository = new CronRepository(db);
  const settings: CronHarness['settings'] = { enabled: true, skipMissedJobs: false, ...options.settings };
  const freshSessions: string[] = [];
  const deliveries: CronHarness['deliveries'] = { requests: [] };
  const delivery = {
    deliver: async (request: DeliveryRequest) => {
      deliveries.requests.push(request);
      if (deliveries.failWith) throw new Error(deliveries.failWith);
      return { channel: request.channel ?? 'telegram', accountId: 'default', to: request.to ?? '4242', messageIds: ['1'] };
    },
  };
  const agents = options.agents;
  const runner = new CronJobRunner({
    turns, wakeRequests, systemEvents, delivery, defaultAgentId: () => 'main', startFreshSession: (key) => freshSessions.push(key), now: time.clock.now,
    ...(agents !== undefined ? { agentExists: (agentId: string) => agents.includes(agentId) } : {}),
  });
  const quiet = { info: () => {}, warn: () => {} };
  const scheduler = new CronScheduler({ repository, runner, clock: time.clock, timer: time.timer, settings: () => settings, publish: (event) => events.push(event), logger: quiet, catchUpSpacingMs: 5_000 });
  const methods = cronMethods({ scheduler, repository, clock: time.clock, storePath: () => ':memory:' });
  const harness: CronHarness = {
    db, time, turns, deliveries, wakes, events, systemEvents, repository, scheduler, settings, methods, freshSessions,
    async call(method, params) {
      const definition = methods.find((candidate) => candidate.name === method);
      if (!definition) throw new Error(`no method ${method}`);
      const error = definition.params.firstError(params);
      if (error) throw new Error(`invalid ${method} params: ${error}`);
      const call = { params: definition.params.known(params), method, requestId: '1', session: {} as never, connection: {} as never, ack: () => {} };
      return await definition.handler(call as never);
    },
    async restart(downMs) {
      await scheduler.stop(0);
      time.now += downMs;
      const next = cronHarness({ db, time: new ManualTime(time.now), settings, ...(agents !== undefined ? { agents } : {}) });
      next.scheduler.start();
      // Whatever is due at start runs on the first (zero-delay) timer.
      await next.time.advance(0);
      return next;
    },
  };
  return harness;
}

/** `cron.add` with a default name. */
export async function addJob(harness: CronHarness, body: object): Promise<CronJobView> {
  return (await harness.call('cron.add', { name: 'job', ...body })) as CronJobView;
}

/**
 * A started scheduler whose every-second job has started its first run and is held in it: the
 * set-up of every test about slots that fall while a run is still going. `release` ends the run.
 */
export async function jobHeldInItsFirstRun(harness: CronHarness): Promise<{ job: CronJobView; release: () => void }> {
  harness.scheduler.start();
  const release = harness.turns.hold();
  const job = await addJob(harness, { schedule: { everyMs: 1_000 }, payload: { kind: 'agentTurn', message: 'slow' } });
  await harness.time.advance(0);
  return { job, release };
}
