/**
 * GatewaySupervisor: the one owner of "is a gateway running, and whose is it" (architecture §1).
 *
 * - Attach first: a healthy gateway already on the port (/healthz, then a handshake) is
 *   `attached`; we use it and never stop or kill it (stop/restart are refused, not done). The
 *   exception is a gateway holding our own state dir: an earlier run of the app launched it and
 *   left it running on quit, so it is adopted — `running`, ours to stop and restart.
 * - Otherwise launch one through the GatewayLauncher, passing port, state dir and token by
 *   environment. It is `running` once it printed its listening line and /healthz answers.
 * - Start/stop/restart/retry intents run one at a time in one queue with a generation number.
 *   A newer intent supersedes older ones: a queued one is skipped, an in-flight start stops
 *   waiting, and nothing a stale attempt learns afterwards changes the state.
 * - A crash restarts with backoff (CrashPolicy) and gives up after 5 fast failures → `error`
 *   with `retry()`. Exit code 78 ("someone else owns the port/state dir") never restarts: we
 *   attach if a healthy gateway now owns the port, else `error` with the gateway's message.
 *
 * - On app quit the gateway is stopped, or — `dispose({ leaveRunning: true })` with a launcher
 *   whose processes can outlive the app — let go of, still running.
 *
 * Electron stays outside: the launcher, clock, probe and log come in through the options.
 */
import { CrashPolicy, type CrashDecision, type CrashPolicyOptions } from './crash-policy.js';
import type { GatewayLauncher } from './gateway-launcher.js';
import { GatewayOutputLog } from './gateway-output-log.js';
import { HttpGatewayProbe, type GatewayHealth, type GatewayProbe } from './gateway-probe.js';
import { exitMessage } from './gateway-exit-message.js';
import { HealthWatch } from './health-watch.js';
import { waitUntilReady } from './wait-until-ready.js';
import { stateDirOwner } from './adopted-gateway.js';
import { describeExit, OwnedGatewayProcess } from './owned-gateway-process.js';
import { systemClock, type ClockTimer, type SupervisorClock } from './supervisor-clock.js';
import type { GatewayState, IntentOutcome, IntentResult, SupervisorIntent, SupervisorStatus, SupervisorStatusListener } from './supervisor-status.js';

import { EXIT_ANOTHER_OWNER } from '../../shared/gateway-host/exit-codes.js';
import { ALLOCATOR_ENV, LAUNCH_ENV } from '../../shared/gateway-host/launch-env.js';

const LOOPBACK = '127.0.0.1';
const HEALTH_FAILURES_BEFORE_DEGRADED = 2;

export interface GatewaySupervisorOptions {
  /** The loopback port the gateway listens on (1–65535). */
  port: number;
  stateDir: string;
  /** The shared gateway token handed to a gateway we launch, and used by the handshake probe. */
  token?: string;
  launcher: GatewayLauncher;
  clock?: SupervisorClock;
  probe?: GatewayProbe;
  log?: GatewayOutputLog;
  crashPolicy?: CrashPolicyOptions;
  /** How long a launched gateway may take to listen and answer /healthz. */
  readyTimeoutMs?: number;
  /** SIGTERM grace before SIGKILL. */
  stopTimeoutMs?: number;
  /** /healthz poll while running or attached; 0 turns the watch off. */
  healthIntervalMs?: number;
}

interface IntentContext {
  generation: number;
  signal: AbortSignal;
  stale(): boolean;
}

type InternalIntent = SupervisorIntent | 'crash-restart' | 'shutdown';

export class GatewaySupervisor {
  readonly log: GatewayOutputLog;
  readonly url: string;
  readonly #httpUrl: string;
  readonly #options: GatewaySupervisorOptions;
  readonly #clock: SupervisorClock;
  readonly #probe: GatewayProbe;
  readonly #policy: CrashPolicy;
  readonly #listeners = new Set<SupervisorStatusListener>();
  #status: SupervisorStatus;
  #child: OwnedGatewayProcess | undefined;
  #generation = 0;
  #tail: Promise<unknown> = Promise.resolve();
  #inFlight: AbortController | undefined;
  #restartTimer: ClockTimer | undefined;
  #healthWatch: HealthWatch | undefined;
  #disposed = false;
  #leaveRunningOnShutdown = false;

  constructor(options: GatewaySupervisorOptions) {
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
      throw new RangeError(`gateway supervisor: port must be 1–65535 (got ${options.port})`);
    }
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#probe = options.probe ?? new HttpGatewayProbe();
    this.#policy = new CrashPolicy(options.crashPolicy);
    this.log = options.log ?? new GatewayOutputLog({ now: () => this.#clock.now() });
    this.log.setSecrets([options.token]);
    this.url = `ws://${LOOPBACK}:${options.port}`;
    this.#httpUrl = `http://${LOOPBACK}:${options.port}`;
    this.#status = { state: 'stopped', url: this.url, since: this.#clock.now() };
  }

  get status(): SupervisorStatus {
    return this.#status;
  }

  /** Called on every status change; returns the unsubscribe function. */
  subscribe(listener: SupervisorStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): Promise<IntentResult> {
    return this.#enqueue('start');
  }

  stop(): Promise<IntentResult> {
    return this.#enqueue('stop');
  }

  restart(): Promise<IntentResult> {
    return this.#enqueue('restart');
  }

  /** After `error`: forget the failure count and start again. */
  retry(): Promise<IntentResult> {
    return this.#enqueue('retry');
  }

  /** Whether quitting can leave the gateway we run going (its launcher lets it outlive the app). */
  get canLeaveRunning(): boolean {
    return this.#child?.ready === true && this.#child.canOutliveApp && this.#child.exit === undefined;
  }

  /**
   * App quit: stops a gateway we own (an attached one is left alone), releases timers and the
   * log file. With `leaveRunning`, a gateway that can outlive the app is let go of instead; the
   * next run of the app adopts it.
   */
  async dispose({ leaveRunning = false }: { leaveRunning?: boolean } = {}): Promise<void> {
    if (this.#disposed) return;
    this.#leaveRunningOnShutdown = leaveRunning;
    const stopped = this.#enqueue('shutdown');
    // From here on, new intents are refused, so nothing can launch a gateway behind the shutdown.
    this.#disposed = true;
    await stopped;
    this.#listeners.clear();
    await this.log.close();
  }

  // ── the intent queue ──────────────────────────────────────────────────────────────────────

  #enqueue(intent: InternalIntent): Promise<IntentResult> {
    const publicIntent = intent === 'crash-restart' ? 'start' : intent === 'shutdown' ? 'stop' : intent;
    if (this.#disposed) return Promise.resolve(this.#result(publicIntent, 'refused', 'the supervisor has shut down'));
    const generation = ++this.#generation;
    if (intent !== 'crash-restart') this.#cancelRestartTimer();
    // An in-flight start stops waiting; whatever it spawned is left for the newer intent.
    this.#inFlight?.abort();
    const run = this.#tail.then(() => this.#run(intent, publicIntent, generation));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #run(intent: InternalIntent, publicIntent: SupervisorIntent, generation: number): Promise<IntentResult> {
    // Latest intent wins; a shutdown is never skipped.
    if (generation !== this.#generation && intent !== 'shutdown') {
      return this.#result(publicIntent, 'superseded', 'a newer request replaced this one');
    }
    const abort = new AbortController();
    this.#inFlight = abort;
    const context: IntentContext = { generation, signal: abort.signal, stale: () => generation !== this.#generation };
    if (this.#child?.exit) this.#child = undefined;
    try {
      switch (intent) {
        case 'start':
        case 'retry':
          this.#policy.reset();
          return await this.#startOrAttach(context, publicIntent);
        case 'crash-restart':
          return await this.#startOrAttach(context, publicIntent);
        case 'stop':
          if (this.#status.state === 'attached') return this.#refuseAttached(publicIntent);
          await this.#stopOwned('stopped');
          return this.#result(publicIntent, 'done');
        case 'restart':
          if (this.#status.state === 'attached') return this.#refuseAttached(publicIntent);
          this.#policy.reset();
          await this.#stopOwned('restarting');
          return await this.#startOrAttach(context, publicIntent);
        case 'shutdown':
          this.#stopHealthWatch();
          if (this.#leaveRunningOnShutdown && this.#leaveRunning()) return this.#result(publicIntent, 'done');
          if (this.#status.state !== 'attached') await this.#stopOwned('stopped');
          return this.#result(publicIntent, 'done');
        default:
          return assertNever(intent);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#note(`${publicIntent} failed: ${message}`);
      if (!context.stale()) this.#setState('error', message);
      return this.#result(publicIntent, 'failed', message);
    } finally {
      if (this.#inFlight === abort) this.#inFlight = undefined;
    }
  }

  // ── start ─────────────────────────────────────────────────────────────────────────────────

  async #startOrAttach(context: IntentContext, intent: SupervisorIntent): Promise<IntentResult> {
    const child = this.#child;
    if (child?.ready) return this.#result(intent, 'done');
    // A child from a superseded start is still coming up: wait for it instead of launching another.
    if (child) return this.#awaitReady(context, intent, child);

    this.#setState('starting', `looking for a gateway on port ${this.#options.port}`);
    const health = await this.#probe.check({ httpUrl: this.#httpUrl, wsUrl: this.url, token: this.#options.token });
    if (context.stale()) return this.#result(intent, 'superseded', 'a newer request replaced this one');
    if (health.healthy) {
      if (!this.#adoptOurs()) this.#attach(health, 'a gateway started outside Gatehouse is using this port');
      return this.#result(intent, 'done');
    }

    const env: Record<string, string> = {
      ...(process.platform === 'linux' ? ALLOCATOR_ENV : {}),
      [LAUNCH_ENV.port]: String(this.#options.port),
      [LAUNCH_ENV.stateDir]: this.#options.stateDir,
      ...(this.#options.token ? { [LAUNCH_ENV.token]: this.#options.token } : {}),
    };
    this.#note(`launching ${this.#options.launcher.description}`);
    const launched = OwnedGatewayProcess.launch(this.#options.launcher, env, this.log, () => this.#clock.now());
    this.#child = launched;
    void launched.exited.then(() => this.#onExit(launched));
    this.#setState('starting', 'waiting for the gateway to listen', launched.pid);
    return this.#awaitReady(context, intent, launched);
  }

  async #awaitReady(context: IntentContext, intent: SupervisorIntent, child: OwnedGatewayProcess): Promise<IntentResult> {
    const outcome = await waitUntilReady(child, { probe: this.#probe, fallbackHttpUrl: this.#httpUrl, timeoutMs: this.#readyTimeoutMs, signal: context.signal });
    if (outcome === 'aborted' || context.stale()) return this.#result(intent, 'superseded', 'a newer request replaced this one');
    if (outcome === 'ready') {
      child.ready = true;
      this.#note(`gateway ready (pid ${child.pid ?? '?'})`);
      this.#setState('running', undefined, child.pid);
      this.#startHealthWatch();
      return this.#result(intent, 'done');
    }
    if (outcome === 'timeout') {
      const seconds = Math.round(this.#readyTimeoutMs / 1000);
      await child.terminate(this.#stopTimeoutMs);
      if (this.#child === child) this.#child = undefined;
      const message = `the gateway did not become ready within ${seconds} s`;
      this.#setState('error', message);
      return this.#result(intent, 'failed', message);
    }
    // It died before it was ready.
    if (this.#child === child) this.#child = undefined;
    const message = this.#exitMessage(child);
    if (child.exit?.code === EXIT_ANOTHER_OWNER) {
      await this.#afterOwnerConflict(context.generation, child);
      return this.#result(intent, 'failed', message);
    }
    this.#afterFailure(child, this.#policy.recordFailure(child.startedAt, child.exit?.at ?? this.#clock.now()));
    return this.#result(intent, 'failed', message);
  }

  // ── exits, crashes, backoff ───────────────────────────────────────────────────────────────

  /** Every exit of a launched process lands here; only a crash of a ready, current child acts. */
  #onExit(child: OwnedGatewayProcess): void {
    this.#note(`gateway (pid ${child.pid ?? '?'}) exited: ${describeExit(child.exit, child.adopted)}`);
    if (child !== this.#child || child.expectedExit || !child.ready) return;
    this.#child = undefined;
    this.#stopHealthWatch();
    if (child.exit?.code === EXIT_ANOTHER_OWNER) {
      void this.#afterOwnerConflict(this.#generation, child);
      return;
    }
    this.#afterFailure(child, this.#policy.recordFailure(child.startedAt, child.exit?.at ?? this.#clock.now()));
  }

  #afterFailure(child: OwnedGatewayProcess, decision: CrashDecision): void {
    const why = this.#exitMessage(child);
    if (decision.kind === 'give-up') {
      const windowSeconds = Math.round(this.#policy.fastFailureMs / 1000);
      this.#note(`giving up after ${decision.fastFailures} fast failures`);
      this.#setState('error', `the gateway failed ${decision.fastFailures} times within ${windowSeconds} s of starting (${why})`);
      return;
    }
    const seconds = decision.delayMs / 1000;
    this.#note(`restarting in ${seconds} s (fast failure ${decision.fastFailures} of ${this.#policy.maxFastFailures})`);
    this.#setState('starting', `the gateway stopped (${why}); restarting in ${seconds} s`);
    this.#cancelRestartTimer();
    const generation = this.#generation;
    const timer = this.#clock.schedule(decision.delayMs, () => {
      if (this.#restartTimer !== timer) return;
      this.#restartTimer = undefined;
      if (generation === this.#generation) void this.#enqueue('crash-restart');
    });
    this.#restartTimer = timer;
  }

  /** Exit 78: never restart. Attach if a healthy gateway now owns the port, else show its message. */
  async #afterOwnerConflict(generation: number, child: OwnedGatewayProcess): Promise<void> {
    const message = this.#exitMessage(child);
    const health = await this.#probe.check({ httpUrl: this.#httpUrl, wsUrl: this.url, token: this.#options.token });
    if (generation !== this.#generation) return;
    if (health.healthy) this.#attach(health, `another gateway owns this port (${message})`);
    else this.#setState('error', message);
  }

  #exitMessage(child: OwnedGatewayProcess): string {
    return exitMessage(child, this.log);
  }

  #cancelRestartTimer(): void {
    this.#restartTimer?.cancel();
    this.#restartTimer = undefined;
  }

  // ── stop ──────────────────────────────────────────────────────────────────────────────────

  async #stopOwned(then: 'stopped' | 'restarting'): Promise<void> {
    this.#cancelRestartTimer();
    this.#stopHealthWatch();
    const child = this.#child;
    if (child) {
      this.#note(`stopping the gateway (pid ${child.pid ?? '?'})`);
      await child.terminate(this.#stopTimeoutMs);
      if (this.#child === child) this.#child = undefined;
    }
    if (then === 'stopped') this.#setState('stopped');
    else this.#setState('starting', 'restarting the gateway');
  }

  /** Quit with "leave it running": true when the gateway now runs on alone. */
  #leaveRunning(): boolean {
    const child = this.#child;
    if (!child?.ready || !child.detach()) {
      if (child) this.#note('this gateway cannot outlive the app, so it is stopped');
      return false;
    }
    this.#cancelRestartTimer();
    this.#child = undefined;
    this.#note(`left the gateway running (pid ${child.pid ?? '?'}); the next start of the app takes it over`);
    this.#setState('stopped', 'left running when the app quit', child.pid);
    return true;
  }

  /** A live gateway holding our state dir on our port was launched by us before: take it back. */
  #adoptOurs(): boolean {
    const owner = stateDirOwner(this.#options.stateDir, this.#options.port);
    if (!owner) return false;
    const adopted = OwnedGatewayProcess.adopt(owner, this.log, () => this.#clock.now());
    this.#child = adopted;
    void adopted.exited.then(() => this.#onExit(adopted));
    this.#note(`took over the gateway an earlier run of the app left running (pid ${owner.pid}); its output is in its own log file`);
    this.#setState('running', undefined, owner.pid);
    this.#startHealthWatch();
    return true;
  }

  #refuseAttached(intent: SupervisorIntent): IntentResult {
    return this.#result(
      intent,
      'refused',
      `the gateway on port ${this.#options.port} was started outside Gatehouse, so Gatehouse will not ${intent} it; ${intent} it where it was started`,
    );
  }

  // ── attached gateways and the health watch ────────────────────────────────────────────────

  #attach(health: GatewayHealth, why: string): void {
    const name = health.healthz.service === 'gatehouse' ? `Gatehouse ${health.healthz.version ?? ''}`.trim() : 'a gateway';
    const handshake = health.handshake;
    const tokenNote = handshake?.kind === 'rejected' ? `; it does not accept Gatehouse's token (${handshake.detailCode ?? handshake.code})` : '';
    this.#note(`attached to ${name}: ${why}`);
    this.#setState('attached', `${why}: ${name}${tokenNote}`);
    this.#startHealthWatch();
  }

  #startHealthWatch(): void {
    this.#stopHealthWatch();
    const intervalMs = this.#options.healthIntervalMs ?? 15_000;
    if (intervalMs <= 0) return;
    const watch = new HealthWatch({ clock: this.#clock, probe: this.#probe, httpUrl: this.#httpUrl, intervalMs }, (health, failures) => {
      const { state } = this.#status;
      if (state === 'running' || state === 'degraded') {
        if (health.ok) this.#setState('running', undefined, this.#child?.pid);
        else if (failures >= HEALTH_FAILURES_BEFORE_DEGRADED) this.#setState('degraded', `the gateway is not answering /healthz (${health.problem ?? 'no answer'})`, this.#child?.pid);
      } else if (state === 'attached' && failures >= HEALTH_FAILURES_BEFORE_DEGRADED) {
        this.#stopHealthWatch();
        this.#setState('stopped', 'the gateway started outside Gatehouse is gone');
      }
    });
    this.#healthWatch = watch;
    watch.start();
  }

  #stopHealthWatch(): void {
    this.#healthWatch?.stop();
    this.#healthWatch = undefined;
  }

  // ── state ─────────────────────────────────────────────────────────────────────────────────

  #setState(state: GatewayState, detail?: string, pid?: number): void {
    const current = this.#status;
    if (current.state === state && current.detail === detail && current.pid === pid) return;
    this.#status = {
      state,
      url: this.url,
      since: current.state === state ? current.since : this.#clock.now(),
      ...(detail === undefined ? {} : { detail }),
      ...(pid === undefined ? {} : { pid }),
    };
    for (const listener of [...this.#listeners]) listener(this.#status);
  }

  #result(intent: SupervisorIntent, outcome: IntentOutcome, message?: string): IntentResult {
    return { intent, outcome, state: this.#status.state, ...(message === undefined ? {} : { message }) };
  }

  #note(text: string): void {
    this.log.append('supervisor', text);
  }

  get #readyTimeoutMs(): number {
    return this.#options.readyTimeoutMs ?? 20_000;
  }

  get #stopTimeoutMs(): number {
    return this.#options.stopTimeoutMs ?? 5_000;
  }
}

function assertNever(value: never): never {
  throw new Error(`gateway supervisor: unknown intent ${String(value)}`);
}
