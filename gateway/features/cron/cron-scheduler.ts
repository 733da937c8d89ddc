import { randomUUID } from 'node:crypto';
import { MAX_TIMER_ARM_MS, realTimers, type Timers } from '../../core/runtime/timers.js';
import type { CronEventPayload } from '../../../shared/protocol/cron/events.js';
import type { CronJobView, CronRunLogEntry } from '../../../shared/protocol/cron/results.js';
import type { CronJob } from './cron-job.js';
import type { CronJobRunner, CronRunOutcome } from './cron-job-runner.js';
import { jobView } from './cron-job-view.js';
import { failureAlertDue, resolveFailureAlert, type AlertStreak, type FailureAlertConfig } from './cron-failure-alert.js';
import { planMissedRuns } from './cron-missed-runs.js';
import type { CronRepository } from './cron-repository.js';
import { nextRunAfter, nextRunFrom } from './cron-schedule.js';
import { collapsedSlots, overlappedSlots, skippedRun } from './cron-skipped-runs.js';

/** Retry delays after consecutive failures (config.md §6.2); the last repeats. */
export const BACKOFF_MS = [30_000, 60_000, 300_000, 900_000, 3_600_000] as const;
export const AUTO_DISABLE_AFTER_ERRORS = 10;

export interface CronSchedulerOptions {
  readonly repository: CronRepository;
  readonly runner: CronJobRunner;
  readonly clock: { now(): number };
  readonly timer?: Timers;
  /** Read on every arm and run: the `cron` config is hot. */
  settings(): { enabled: boolean; skipMissedJobs: boolean; failureAlert?: FailureAlertConfig };
  publish(event: CronEventPayload): void;
  readonly logger: { info(fields: object, message: string): void; warn(fields: object, message: string): void };
  readonly catchUpSpacingMs?: number;
  readonly newRunId?: () => string;
}

/**
 * Runs jobs on time: one timer to the earliest due job, a per-job lock (a job never runs twice
 * at once), backoff and auto-disable on failures, and catch-up of slots missed while down.
 */
export class CronScheduler {
  private readonly jobs = new Map<string, CronJob>();
  /**
   * Each job's client view, built once per change: `cron.list` of 10,000 jobs would otherwise build
   * (and collect) 10,000 new objects per call. Every change goes through persist(), which drops it.
   */
  private readonly views = new Map<string, CronJobView>();
  /**
   * `cron.list` as most calls ask for it (all jobs, or the enabled ones, by next run): the jobs and
   * their views in that order, kept until any job changes, so a list of 10,000 unchanged jobs
   * neither re-sorts nor looks up 10,000 views. Filters and pages start from these arrays.
   */
  private listings: { readonly [K in 'all' | 'enabled']?: { readonly jobs: readonly CronJob[]; views?: readonly CronJobView[] } } = {};
  private readonly running = new Map<string, Promise<void>>();
  private readonly timer: Timers;
  private handle: unknown;
  /** The due time the armed timer is for (it may fire earlier, capped at MAX_TIMER_ARM_MS). */
  private armedFor: number | undefined;
  private stopped = true;

  constructor(private readonly options: CronSchedulerOptions) {
    this.timer = options.timer ?? realTimers;
    for (const job of options.repository.allJobs()) this.jobs.set(job.id, job);
  }

  start(): void {
    const now = this.options.clock.now();
    this.stopped = false;
    for (const job of this.jobs.values()) {
      // A run the previous process did not finish: say so rather than leave it "running" for ever.
      if (job.state.runningAtMs !== undefined) {
        this.options.repository.addRun({ ts: now, jobId: job.id, action: 'finished', status: 'error', runAtMs: job.state.runningAtMs, error: 'the gateway stopped during this run' });
        // Its slot was taken (not missed); a one-shot stays due, as it never finished.
        if (job.schedule.kind !== 'at') job.state.nextRunAtMs = nextRunAfter(job.schedule, job.state.runningAtMs);
        delete job.state.runningAtMs;
        this.persist(job);
      }
    }
    if (this.options.settings().enabled) {
      const plan = planMissedRuns([...this.jobs.values()], now, { skipMissedJobs: this.options.settings().skipMissedJobs, ...(this.options.catchUpSpacingMs !== undefined ? { spacingMs: this.options.catchUpSpacingMs } : {}) });
      for (const record of plan.records) this.options.repository.addRun(record);
      for (const [id, next] of plan.nextRunAtMs) this.saveState(id, (state) => (next === undefined ? delete state.nextRunAtMs : (state.nextRunAtMs = next)));
      if (plan.records.length > 0) this.options.logger.warn({ missedSlots: plan.records.length, jobs: plan.nextRunAtMs.size }, 'cron: runs were missed while the gateway was down');
    }
    this.arm();
  }

  /** Stops arming; runs in flight get `graceMs` to finish (a later one is recorded as interrupted at the next start). */
  async stop(graceMs = 2_000): Promise<void> {
    this.stopped = true;
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
    let timeout: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timeout = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.running.values()]), deadline]);
    clearTimeout(timeout);
  }

  /** Jobs by next run (the first ones due first); shared until a job changes, so callers must not modify it. */
  list(includeDisabled: boolean): readonly CronJob[] {
    const key = includeDisabled ? 'all' : 'enabled';
    const cached = this.listings[key];
    if (cached) return cached.jobs;
    const jobs = [...this.jobs.values()].filter((job) => includeDisabled || job.enabled);
    jobs.sort((a, b) => (a.state.nextRunAtMs ?? Number.MAX_SAFE_INTEGER) - (b.state.nextRunAtMs ?? Number.MAX_SAFE_INTEGER));
    this.listings = { ...this.listings, [key]: { jobs } };
    return jobs;
  }

  /** The views of list(includeDisabled), in its order; shared until a job changes. */
  listViews(includeDisabled: boolean): readonly CronJobView[] {
    const jobs = this.list(includeDisabled);
    const listing = this.listings[includeDisabled ? 'all' : 'enabled'];
    if (listing?.jobs === jobs && listing.views) return listing.views;
    const views = jobs.map((job) => this.viewOf(job));
    if (listing?.jobs === jobs) listing.views = views;
    return views;
  }

  get(id: string): CronJob | undefined {
    return this.jobs.get(id);
  }

  /** The job as clients read it (cached until the job changes; callers must not modify it). */
  viewOf(job: CronJob): CronJobView {
    let view = this.views.get(job.id);
    if (view === undefined || this.jobs.get(job.id) !== job) {
      view = jobView(job);
      if (this.jobs.get(job.id) === job) this.views.set(job.id, view);
    }
    return view;
  }

  status(): { enabled: boolean; jobs: number; nextWakeAtMs: number | null } {
    const enabled = this.options.settings().enabled;
    return { enabled, jobs: this.jobs.size, nextWakeAtMs: enabled ? (this.nextDue() ?? null) : null };
  }

  add(job: CronJob): CronJob {
    if (job.enabled) job.state.nextRunAtMs = nextRunFrom(job.schedule, this.options.clock.now());
    this.jobs.set(job.id, job);
    this.persist(job);
    this.publish({ jobId: job.id, action: 'added', nextRunAtMs: job.state.nextRunAtMs });
    this.arm();
    return job;
  }

  /** Replaces a job with its updated version; the next run is recomputed from now. */
  update(job: CronJob): CronJob {
    const state = job.state;
    if (job.enabled) {
      delete state.autoDisabled;
      if (!this.jobs.get(job.id)?.enabled) state.consecutiveErrors = 0;
      state.nextRunAtMs = nextRunFrom(job.schedule, this.options.clock.now());
    } else delete state.nextRunAtMs;
    this.jobs.set(job.id, job);
    this.persist(job);
    this.publish({ jobId: job.id, action: 'updated', nextRunAtMs: state.nextRunAtMs });
    this.arm();
    return job;
  }

  remove(id: string): boolean {
    const job = this.jobs.get(id);
    const removed = this.jobs.delete(id);
    this.views.delete(id);
    this.listings = {};
    this.options.repository.deleteJob(id);
    if (removed) this.publish({ jobId: id, action: 'removed' });
    // Only the job the timer is armed for can leave it pointing at nothing.
    if (job?.state.nextRunAtMs === undefined || job.state.nextRunAtMs !== this.armedFor) return removed;
    this.arm();
    return removed;
  }

  /** `cron.run`: starts the job now unless it is running (or, in `due` mode, not yet due). */
  runNow(id: string, mode: 'due' | 'force' | 'if-enabled'): { ran: boolean; reason?: string; runId?: string; done?: Promise<void> } {
    const job = this.jobs.get(id);
    if (!job) return { ran: false, reason: 'not-found' };
    if (this.running.has(id)) return { ran: false, reason: 'already-running' };
    if (mode === 'if-enabled' && !job.enabled) return { ran: false, reason: 'disabled' };
    if (mode === 'due' && !(job.enabled && job.state.nextRunAtMs !== undefined && job.state.nextRunAtMs <= this.options.clock.now())) {
      return { ran: false, reason: 'not-due' };
    }
    const runId = this.newRunId();
    return { ran: true, runId, done: this.launch(job, runId) };
  }

  private nextDue(): number | undefined {
    let next: number | undefined;
    for (const job of this.jobs.values()) {
      const at = job.state.nextRunAtMs;
      if (job.enabled && at !== undefined && !this.running.has(job.id) && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  private arm(): void {
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
    this.armedFor = undefined;
    if (this.stopped || !this.options.settings().enabled) return;
    const next = this.nextDue();
    if (next === undefined) return;
    const delay = Math.min(Math.max(next - this.options.clock.now(), 0), MAX_TIMER_ARM_MS);
    this.armedFor = next;
    this.handle = this.timer.set(() => this.onTimer(), delay);
  }

  /**
   * A run ended: only its own next run can move the timer earlier, so the full scan of arm() is
   * needed only then (or when nothing is armed). 50 jobs finishing together would otherwise scan
   * every job 50 times, holding up the jobs due right after them.
   */
  private rearmAfterRun(job: CronJob): void {
    const next = job.enabled ? job.state.nextRunAtMs : undefined;
    if (this.handle === undefined || (next !== undefined && (this.armedFor === undefined || next < this.armedFor))) this.arm();
  }

  /** Public for the config listener: `cron.enabled` changed. */
  rearm(): void {
    this.arm();
  }

  private onTimer(): void {
    this.handle = undefined;
    this.armedFor = undefined;
    const now = this.options.clock.now();
    for (const job of [...this.jobs.values()]) {
      if (job.enabled && !this.running.has(job.id) && job.state.nextRunAtMs !== undefined && job.state.nextRunAtMs <= now) {
        this.recordSkipped(collapsedSlots(job, now));
        void this.launch(job, this.newRunId());
      }
    }
    this.arm();
  }

  private launch(job: CronJob, runId: string): Promise<void> {
    const run = this.execute(job, runId)
      // A run that broke the scheduler's own bookkeeping must not take the gateway down with it.
      .catch((error: unknown) => this.options.logger.warn({ jobId: job.id, runId, error: error instanceof Error ? error.message : String(error) }, 'cron: run bookkeeping failed'))
      .finally(() => {
        this.running.delete(job.id);
        this.rearmAfterRun(this.jobs.get(job.id) ?? job);
      });
    this.running.set(job.id, run);
    return run;
  }

  private async execute(job: CronJob, runId: string): Promise<void> {
    const startedAt = this.options.clock.now();
    const missingAgent = this.options.runner.missingAgent(job);
    if (missingAgent !== undefined) return this.skip(job, startedAt, missingAgent, runId);
    this.saveState(job.id, (state) => (state.runningAtMs = startedAt));
    this.publish({ jobId: job.id, action: 'started', runAtMs: startedAt });
    let outcome: CronRunOutcome;
    try {
      outcome = await this.options.runner.run(job, runId);
    } catch (error) {
      outcome = { status: 'error', error: (error as Error).message };
    }
    // After stop the store may be closed: the next start records this run as interrupted.
    if (this.stopped) return;
    const endedAt = this.options.clock.now();
    const durationMs = Math.max(0, endedAt - startedAt);
    const current = this.jobs.get(job.id);
    if (current) {
      this.recordSkipped(overlappedSlots(current, startedAt, endedAt));
      this.applyOutcome(current, outcome, startedAt, endedAt, durationMs);
    }
    const nextRunAtMs = this.jobs.get(job.id)?.state.nextRunAtMs;
    const entry: CronRunLogEntry = { ts: endedAt, jobId: job.id, action: 'finished', runId, status: outcome.status, runAtMs: startedAt, durationMs };
    if (outcome.error !== undefined) entry.error = outcome.error;
    if (outcome.summary !== undefined) entry.summary = outcome.summary;
    if (nextRunAtMs !== undefined) entry.nextRunAtMs = nextRunAtMs;
    if (outcome.sessionKey !== undefined) entry.sessionKey = outcome.sessionKey;
    if (outcome.deliveryStatus !== undefined) entry.deliveryStatus = outcome.deliveryStatus;
    if (outcome.deliveryError !== undefined) entry.deliveryError = outcome.deliveryError;
    this.options.repository.addRun(entry);
    const { ts: _ts, action: _action, runId: _runId, ...fields } = entry;
    this.publish({ ...fields, action: 'finished', status: outcome.status });
    if (current && outcome.status === 'error') await this.alertFailure(current, endedAt);
    if (current && current.schedule.kind === 'at' && outcome.status === 'ok' && current.deleteAfterRun !== false) this.remove(job.id);
  }

  private applyOutcome(job: CronJob, outcome: CronRunOutcome, startedAt: number, endedAt: number, durationMs: number): void {
    const state = job.state;
    delete state.runningAtMs;
    state.lastRunAtMs = startedAt;
    state.lastStatus = outcome.status;
    state.lastDurationMs = durationMs;
    // A run that started ends a streak of skipped ones, whatever its outcome.
    delete state.consecutiveSkipped;
    if (outcome.status === 'error') {
      state.lastError = outcome.error ?? 'failed';
      const errors = (state.consecutiveErrors ?? 0) + 1;
      state.consecutiveErrors = errors;
      if (errors >= AUTO_DISABLE_AFTER_ERRORS) {
        job.enabled = false;
        state.autoDisabled = { reason: `${errors} consecutive failures`, atMs: endedAt, consecutiveErrors: errors };
        delete state.nextRunAtMs;
        this.options.logger.warn({ jobId: job.id, consecutiveErrors: errors }, 'cron: job disabled after repeated failures');
      } else {
        state.nextRunAtMs = endedAt + BACKOFF_MS[Math.min(errors, BACKOFF_MS.length) - 1]!;
      }
    } else {
      delete state.lastError;
      state.consecutiveErrors = 0;
      const next = job.schedule.kind === 'at' ? undefined : nextRunAfter(job.schedule, endedAt);
      if (next === undefined) {
        delete state.nextRunAtMs;
        // A one-shot that ran is done: removed (default) or kept disabled (deleteAfterRun:false).
        if (job.schedule.kind === 'at') job.enabled = false;
      } else state.nextRunAtMs = next;
    }
    this.persist(job);
  }

  /**
   * A run not started (the job's agent is gone): recorded as skipped with the reason. It leaves
   * consecutiveErrors as they were (a skip is no failure, and no success either) and moves the job
   * to its next slot without backoff; a one-shot is disabled, kept so the user sees why.
   */
  private async skip(job: CronJob, now: number, reason: string, runId: string): Promise<void> {
    const state = job.state;
    state.lastRunAtMs = now;
    state.lastStatus = 'skipped';
    state.lastError = reason;
    state.lastDurationMs = 0;
    state.consecutiveSkipped = (state.consecutiveSkipped ?? 0) + 1;
    const next = job.schedule.kind === 'at' ? undefined : nextRunAfter(job.schedule, now);
    if (next === undefined) {
      delete state.nextRunAtMs;
      if (job.schedule.kind === 'at') job.enabled = false;
    } else state.nextRunAtMs = next;
    this.persist(job);
    const entry = { ...skippedRun(job, now, reason), runId };
    if (next !== undefined) entry.nextRunAtMs = next;
    this.recordSkipped([entry]);
    this.options.logger.warn({ jobId: job.id, reason }, 'cron: run skipped');
    await this.alertFailure(job, now, 'skipped');
  }

  /** Stores skipped runs and tells clients, as `finished` events with status `skipped` (OpenClaw's shape). */
  private recordSkipped(entries: readonly CronRunLogEntry[]): void {
    for (const entry of entries) {
      this.options.repository.addRun(entry);
      const { ts: _ts, action: _action, runId: _runId, ...fields } = entry;
      this.publish({ ...fields, action: 'finished', status: 'skipped' });
    }
  }

  /**
   * `cron.failureAlert`: tells the user once failures pile up (the cooldown keeps it to one an
   * hour); skipped runs in a row only with `includeSkipped`.
   */
  private async alertFailure(job: CronJob, now: number, streak: AlertStreak = 'failed'): Promise<void> {
    const alert = resolveFailureAlert(job, this.options.settings().failureAlert);
    if (!alert || !failureAlertDue(job, alert, now, streak)) return;
    job.state.lastFailureAlertAtMs = now;
    this.persist(job);
    try {
      await this.options.runner.sendFailureAlert(job, alert, streak);
    } catch (error) {
      this.options.logger.warn({ jobId: job.id, error: (error as Error).message }, 'cron: the failure alert could not be sent');
    }
  }

  private saveState(id: string, change: (state: CronJob['state']) => unknown): void {
    const job = this.jobs.get(id);
    if (!job) return;
    change(job.state);
    this.persist(job);
  }

  private persist(job: CronJob): void {
    this.views.delete(job.id);
    this.listings = {};
    this.options.repository.saveJob(job);
  }

  private publish(event: CronEventPayload): void {
    const clean = Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined)) as CronEventPayload;
    this.options.publish(clean);
  }

  private newRunId(): string {
    return this.options.newRunId?.() ?? randomUUID();
  }
}
