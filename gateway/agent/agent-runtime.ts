import type { Logger } from 'pino';
import { invalidRequest } from '../../shared/protocol/error-codes.js';
import type { AgentRoster, RosterAgent } from '../core/config/index.js';
import type { EventBus } from '../core/events/event-bus.js';
import { BatchedRunInserts } from './store/batched-run-inserts.js';
import type { GatewayStore } from './store/gateway-store.js';
import type { RunKind, RunRecord } from './store/runs-repository.js';
import type { SessionRecord } from './store/sessions-repository.js';
import { transaction } from '../core/store/database.js';
import { ActiveRun, failedRunResult, type RunResult } from './active-run.js';
import { runAgentTurn } from './agent-turn.js';
import { inProcessModelCalls } from './model-calls/model-calls.js';
import { ModelUnavailableError, type ModelCatalog } from './models/model-catalog.js';
import type { ResolvedModel } from './models/resolved-model.js';
import { buildInstructions, transcriptToMessages, type PromptSections } from './prompt-builder.js';
import { RunEvents, type OutboundTextFilter } from './run-events.js';
import { addressSession } from './session-addressing.js';
import { SessionLanes } from './session-lanes.js';
import type { ReplyDeliveryPort } from './channel-delivery.js';
import { beginRunStart } from './deferred-run-start.js';
import { DeferredStartWrites } from './deferred-start-writes.js';
import type { PreparedRun, RunRequest } from './run-request.js';
import { appendCutOffNote, deliverAfterResume } from './run-recovery.js';
import { parseStoredRequest, storedRequestOf } from './stored-run-request.js';
import { TextFilterNames } from './text-filter-names.js';
import type { TurnToolProvider } from './turn-tools.js';
import { afterCheckPhases } from '../core/runtime/check-phases.js';

export interface AgentRuntimeDeps {
  store: GatewayStore;
  bus: EventBus;
  logger: Logger;
  catalog: () => ModelCatalog;
  roster: () => AgentRoster;
  limits: () => { timeoutSeconds: number; maxConcurrent: number; thinkingDefault?: string };
  configPath: () => string;
  tools: TurnToolProvider;
  /** Sections features add to the instructions (skills). */
  promptSections?: PromptSections;
  /**
   * Outbound text filters by name (the heartbeat's): a run submitted with one of these keeps its
   * name in the store, so after a restart the resumed run hides what it hid before.
   */
  textFilters?: Readonly<Record<string, OutboundTextFilter>>;
  /** Delivers the replies of resumed runs that asked for delivery (`deliver`). */
  delivery?: ReplyDeliveryPort;
}

/** What happened to the runs a previous process acknowledged and did not finish. */
export interface RecoveredRuns {
  requeued: number;
  resumed: number;
  failed: number;
}

/**
 * Runs agent turns: one at a time per session, sessions in parallel up to a limit; keeps the
 * live runs for abort and wait, and records every run in the store.
 */
export class AgentRuntime {
  private readonly active = new Map<string, ActiveRun>();
  private readonly lanes: SessionLanes;
  /** Set by shutdown: runs not started yet stay queued in the store for the next process. */
  private stopping = false;
  private readonly cutOffByStop = new Set<ActiveRun>();

  private readonly onCheckpointerFailure = (error: unknown): void => {
    this.deps.logger.warn({ error: String(error) }, 'the background WAL checkpointer stopped; commits checkpoint on the event loop again');
  };

  private readonly textFilters: TextFilterNames;
  private readonly inserts: BatchedRunInserts;
  private readonly startWrites: DeferredStartWrites;

  constructor(private readonly deps: AgentRuntimeDeps) {
    this.lanes = new SessionLanes(() => deps.limits().maxConcurrent);
    this.inserts = new BatchedRunInserts(deps.store.database, deps.store.runs);
    this.startWrites = new DeferredStartWrites(deps.store);
    this.textFilters = new TextFilterNames(deps.textFilters);
  }

  /**
   * Starts again what a previous process acknowledged and did not finish, in the order it was
   * accepted: a queued run is queued again; a run that was streaming is resumed from its
   * transcript (its finished steps are kept, the cut-off is marked in the transcript).
   */
  recoverUnfinished(): RecoveredRuns {
    const recovered: RecoveredRuns = { requeued: 0, resumed: 0, failed: 0 };
    for (const record of this.deps.store.runs.unfinished()) {
      const request = parseStoredRequest(record.request);
      try {
        if (!request) throw new Error('its request was not kept (it was accepted by an older version)');
        const { visibleText, ...rest } = request;
        const prepared = this.prepare({
          kind: record.kind,
          runId: record.runId,
          sessionKey: record.sessionKey,
          agentId: record.agentId,
          ...rest,
          ...(visibleText !== undefined ? { visibleText: this.textFilters.filterNamed(visibleText) } : {}),
        });
        const resume = this.deps.store.transcript.hasUserMessageOf(record.runId);
        if (resume) appendCutOffNote(this.deps.store, prepared);
        const run = this.start({ ...prepared, resume }, record.acceptedAtMs);
        if (request.deliver) deliverAfterResume(this.deps.delivery, this.deps.logger, run, request.deliver);
        recovered[resume ? 'resumed' : 'requeued'] += 1;
      } catch (error) {
        const message = `the gateway stopped while this run was in progress and could not start it again: ${error instanceof Error ? error.message : String(error)}`;
        this.deps.store.runs.finished(record.kind, record.runId, { status: 'error', at: Date.now(), error: message });
        recovered.failed += 1;
      }
    }
    if (recovered.requeued + recovered.resumed + recovered.failed > 0) {
      this.deps.logger.warn({ ...recovered }, 'runs a previous process left unfinished were started again');
    }
    return recovered;
  }

  /** Resolves agent, session and model; throws a protocol error before anything is admitted. */
  prepare(request: RunRequest): PreparedRun {
    const roster = this.deps.roster();
    let agentId = request.agentId?.toLowerCase();
    if (agentId !== undefined && !roster.agents.some((agent) => agent.id === agentId)) {
      throw invalidRequest(`unknown agent: ${request.agentId}`, { code: 'UNKNOWN_AGENT', agentId: request.agentId });
    }
    let sessionKey: string;
    if (request.sessionId !== undefined) {
      const existing = this.deps.store.sessions.bySessionId(request.sessionId);
      if (!existing) throw invalidRequest(`unknown sessionId: ${request.sessionId}`);
      sessionKey = existing.sessionKey;
      agentId = existing.agentId;
    } else {
      const address = addressSession(roster, request.sessionKey ?? 'main', agentId, 'run');
      if (!roster.agents.some((agent) => agent.id === address.agentId)) {
        throw invalidRequest(`unknown agent in session key: ${address.agentId}`, { code: 'UNKNOWN_AGENT' });
      }
      sessionKey = address.sessionKey;
      agentId = address.agentId;
    }
    const agent = roster.agents.find((candidate) => candidate.id === agentId);
    const session = this.deps.store.sessions.get(sessionKey);
    const model = request.modelRef !== undefined ? this.deps.catalog().resolve(request.modelRef) : this.modelFor(agent, session);
    if (request.attachments.length > 0 && !model.input.includes('image')) {
      throw invalidRequest(`model ${model.ref} does not accept images (add "image" to its input list if it does)`);
    }
    return { ...request, sessionKey, agentId: agentId!, agent, model };
  }

  modelFor(agent: RosterAgent | undefined, session: SessionRecord | undefined): ResolvedModel {
    const catalog = this.deps.catalog();
    const ref = session?.settings.model ?? catalog.defaultRefFor(agent);
    if (!ref) {
      throw new ModelUnavailableError(
        `no model provider is configured: set agents.defaults.model (for example "anthropic/claude-opus-4-6") and the provider's key ` +
          `(for example env.vars.ANTHROPIC_API_KEY) in ${this.deps.configPath()}, or add them with config.patch`,
        'NO_PROVIDER',
      );
    }
    return catalog.resolve(ref);
  }

  find(kind: RunKind, runId: string): ActiveRun | undefined {
    return this.active.get(`${kind}:${runId}`);
  }

  findAny(runId: string): ActiveRun | undefined {
    return this.find('agent', runId) ?? this.find('chat', runId);
  }

  activeForSession(sessionKey: string): ActiveRun[] {
    return [...this.active.values()].filter((run) => run.sessionKey === sessionKey);
  }

  /** Accepts a run: it is in the store, with its request, before the caller acknowledges it. */
  submit(prepared: PreparedRun): ActiveRun {
    const acceptedAt = Date.now();
    this.deps.store.runs.insert(this.acceptedRow(prepared, acceptedAt));
    return this.start(prepared, acceptedAt);
  }

  /**
   * Accepts a run like submit, its insert committed together with those of the other runs
   * accepted in the same tick (BatchedRunInserts). The run is listed at once (find, abort, a
   * duplicate sees it in flight); it is queued to start, and `durable` resolves, once the commit
   * is done. The caller acknowledges the run only after `durable`. If the commit fails, `durable`
   * rejects with the error and the run ends as failed without starting.
   */
  accept(prepared: PreparedRun): { run: ActiveRun; durable: Promise<void> } {
    const acceptedAt = Date.now();
    const run = this.track(prepared, acceptedAt);
    const durable = this.inserts.add(this.acceptedRow(prepared, acceptedAt)).then(
      () => this.enqueue(run, prepared),
      (error: unknown) => {
        const message = `the run could not be stored: ${error instanceof Error ? error.message : String(error)}`;
        this.deps.logger.error({ runId: run.runId, error: String(error) }, 'an accepted run could not be stored; it was refused');
        run.finish(failedRunResult(run, message));
        throw error;
      },
    );
    return { run, durable };
  }

  private acceptedRow(prepared: PreparedRun, acceptedAt: number): RunRecord {
    return {
      runId: prepared.runId,
      kind: prepared.kind,
      sessionKey: prepared.sessionKey,
      agentId: prepared.agentId,
      status: 'queued',
      acceptedAtMs: acceptedAt,
      request: storedRequestOf(prepared, this.textFilters.nameOf(prepared.visibleText)),
    };
  }

  private start(prepared: PreparedRun & { resume?: boolean }, acceptedAt: number): ActiveRun {
    const run = this.track(prepared, acceptedAt);
    this.enqueue(run, prepared);
    return run;
  }

  /** Lists a run (find, abort, wait) until it is done. */
  private track(prepared: PreparedRun, acceptedAt: number): ActiveRun {
    const run = new ActiveRun(prepared.kind, prepared.runId, prepared.sessionKey, prepared.agentId, prepared.model.ref, acceptedAt);
    const key = `${run.kind}:${run.runId}`;
    this.active.set(key, run);
    void run.done.finally(() => {
      if (this.active.get(key) === run) this.active.delete(key);
    });
    return run;
  }

  /** Queues a listed run in its session's lane. */
  private enqueue(run: ActiveRun, prepared: PreparedRun & { resume?: boolean }): void {
    this.deps.store.checkpointInBackground(this.onCheckpointerFailure);
    const finished = this.lanes.enqueue(run.sessionKey, () => this.execute(run, prepared));
    void finished.then(
      (result) => run.finish(result),
      (error: unknown) => {
        this.deps.logger.error({ runId: run.runId, error: String(error) }, 'agent run crashed');
        run.finish(this.crashResult(run, error));
      },
    );
  }

  private crashResult(run: ActiveRun, error: unknown): RunResult {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.store.runs.finished(run.kind, run.runId, { status: 'error', at: Date.now(), error: message });
    return failedRunResult(run, message);
  }

  private async execute(run: ActiveRun, prepared: PreparedRun & { resume?: boolean }): Promise<RunResult> {
    const { store, bus } = this.deps;
    if (this.stopping) return this.leftQueued(run);
    const events = new RunEvents(bus, { runId: run.runId, sessionKey: run.sessionKey, agentId: run.agentId }, run, prepared.visibleText);
    run.events = events;
    const startedAt = run.start();
    if (run.signal.aborted) {
      store.runs.started(run.kind, run.runId, startedAt);
      events.agent('lifecycle', { phase: 'start', startedAt });
      return this.complete(run, events, { status: 'timeout', text: '', stopReason: run.abortKind ?? 'aborted', aborted: run.abortKind !== 'timeout', timedOut: run.abortKind === 'timeout' }, prepared.model);
    }
    const start = { ...prepared, kind: run.kind, runId: run.runId, startedAt };
    const { session, systemEvents, history, recordStart, startFailure } = beginRunStart(store, this.startWrites, run, events, start);
    const timeoutMs = prepared.timeoutMs ?? this.deps.limits().timeoutSeconds * 1_000;
    const timer = timeoutMs > 0 ? setTimeout(() => run.abort('timeout'), timeoutMs) : undefined;

    try {
      const instructions = buildInstructions({
        agent: prepared.agent,
        agentId: run.agentId,
        now: new Date(startedAt),
        ...(prepared.extraSystemPrompt ? { extraSystemPrompt: prepared.extraSystemPrompt } : {}),
        ...(session.compactedSummary ? { compactedSummary: session.compactedSummary } : {}),
        systemEvents,
        sections: this.deps.promptSections?.for({ agentId: run.agentId, workspace: prepared.agent?.workspace ?? process.cwd() }) ?? [],
      });
      const turn = runAgentTurn(
        {
          runId: run.runId,
          sessionKey: session.sessionKey,
          sessionId: session.sessionId,
          agentId: run.agentId,
          message: prepared.message,
          attachments: prepared.attachments,
          thinking: prepared.thinking ?? session.settings.thinkingLevel ?? this.deps.limits().thinkingDefault,
          instructions,
          history: transcriptToMessages(history),
          model: prepared.model,
          workspace: prepared.agent?.workspace ?? process.cwd(),
          ...(prepared.resume ? { resume: true } : {}),
        },
        {
          store,
          events,
          signal: run.signal,
          abortKind: () => run.abortKind,
          tools: this.deps.tools,
          modelCalls: inProcessModelCalls,
          progress: run.progress,
          beforeOutput: recordStart,
        },
      );
      // The model request is on its way (its setup runs in this tick's microtasks); the start's
      // rows and lifecycle event follow once no other run waits to start, or before the turn's
      // first output, whichever comes first — or with another run's, committed together
      // (DeferredStartWrites).
      this.lanes.afterStarts(recordStart);
      const { outcome, closingMessages } = await turn;
      recordStart();
      const failure = startFailure();
      if (failure) throw failure.error;
      const usage = outcome.usage;
      // The turn is over: a gateway stop from here on has nothing to cut off, and must not leave
      // the run "running" for the next process to answer a second time.
      const stoppedDuringTurn = this.cutOffByStop.has(run);
      // The end rows wait for the check phase, after the setImmediate callbacks already queued. A
      // follower sends a channel reply when the model's last step ends (reply-end, reply-stream.ts),
      // and undici writes a request on a reused keep-alive socket in a setImmediate (it checks the
      // socket first): the rows, an SQLite commit of 0.2–0.4 ms, went out in front of that write,
      // on the path of every channel reply. The run still ends — rows, then the closing events,
      // then `done` — before anything of the next iteration's I/O.
      await afterCheckPhases(1);
      if (!stoppedDuringTurn) this.cutOffByStop.delete(run);
      return this.complete(run, events, outcome, prepared.model, () => {
        for (const message of closingMessages) store.transcript.append(message);
        const now = Date.now();
        if (usage) {
          store.usage.record({
            ts: now,
            sessionKey: session.sessionKey,
            agentId: run.agentId,
            runId: run.runId,
            provider: prepared.model.providerId,
            model: prepared.model.modelId,
            ...usage,
          });
        }
        store.sessions.touch(session.sessionKey, now);
      });
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /**
   * Ends a run: the turn's last rows (`writeEnd`) and the run's outcome are written in one
   * transaction before the closing events, so a client that reads history or waits on the run
   * after `final` finds both.
   */
  private complete(
    run: ActiveRun,
    events: RunEvents,
    outcome: Omit<RunResult, 'runId' | 'kind' | 'sessionKey' | 'agentId' | 'model' | 'startedAt' | 'endedAt'>,
    model: ResolvedModel,
    writeEnd?: () => void,
  ): RunResult {
    const endedAt = Date.now();
    const startedAt = run.startedAt ?? endedAt;
    const result: RunResult = {
      ...outcome,
      runId: run.runId,
      kind: run.kind,
      sessionKey: run.sessionKey,
      agentId: run.agentId,
      model: model.ref,
      startedAt,
      endedAt,
    };
    transaction(this.deps.store.database, () => {
      writeEnd?.();
      // A run cut off by a gateway stop stays "running" in the store: the next process resumes it.
      if (this.cutOffByStop.has(run)) return;
      this.deps.store.runs.finished(run.kind, run.runId, {
        status: result.status,
        at: endedAt,
        stopReason: result.stopReason,
        ...(result.failure ? { error: result.failure.message } : {}),
        outcome: result,
      });
    });
    events.closing(result, model);
    return result;
  }

  /** A run that had not started when the gateway began to stop: the store keeps it queued. */
  private leftQueued(run: ActiveRun): RunResult {
    return failedRunResult(run, 'the gateway is stopping; this run starts when it is back');
  }

  /** Aborts the session's active (and queued) runs, or one of them. */
  abort(sessionKey: string, runId?: string): string[] {
    const runs = this.activeForSession(sessionKey).filter((run) => runId === undefined || run.runId === runId);
    for (const run of runs) run.abort('aborted');
    return runs.map((run) => run.runId);
  }

  /** Stops everything (gateway shutdown): aborts and waits a little for transcripts to settle. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    const runs = [...this.active.values()];
    for (const run of runs) {
      if (run.state !== 'running') continue;
      this.cutOffByStop.add(run);
      run.abort('aborted');
    }
    if (runs.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(runs.map((run) => run.done)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 2_000);
      }),
    ]);
    clearTimeout(timer);
  }
}
