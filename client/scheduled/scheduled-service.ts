/**
 * The Scheduled window's channels and the panel's schedule line, on top of the operator
 * connection: cron.list / cron.runs / cron.add / cron.update / cron.run / cron.remove,
 * cron.status and last-heartbeat. Gateway `cron` events refresh the job list (coalesced, one
 * cron.list per burst) and the panel's next wake; `heartbeat` events replace the last heartbeat.
 *
 * Every answer is parsed with the protocol's schema (scheduled-views.ts). Methods the gateway
 * does not list in hello-ok `features.methods` are never called: the window says the gateway
 * has no scheduler, the panel leaves that line out. Actions answer an ActionResult with the
 * gateway's own message instead of throwing.
 */
import type { ActionResult, ScheduledJobInput, ScheduledJobsView, ScheduledRunView, ScheduleSummaryView } from '../../shared/ipc/contract.js';
import type { GatewayRequest } from '../gateway-request.js';
import { describeFailure } from '../describe-failure.js';
import {
  cronEventPayload,
  cronJobParams,
  cronJobResult,
  cronListResult,
  cronRemoveResult,
  cronRunResult,
  cronRunsResult,
  cronStatusResult,
  heartbeatEventPayload,
  heartbeatSummary,
  lastHeartbeatResult,
  scheduledJobView,
  scheduledRunViews,
} from './scheduled-views.js';
import { parsed } from '../parse-answer.js';

export interface ScheduledServiceOptions {
  request: GatewayRequest;
  /** Is the operator connection up? */
  connected: () => boolean;
  /** hello-ok `features.methods` of the current connection. */
  methods: () => readonly string[];
  /** The companion's IANA zone; the system's by default. */
  timeZone?: () => string;
  emitJobs: (view: ScheduledJobsView) => void;
  emitSummary: (view: ScheduleSummaryView) => void;
  /** How long a burst of `cron` events is gathered before one refresh (ms). */
  refreshDelayMs?: number;
  log?: (message: string) => void;
}

const DEFAULT_REFRESH_DELAY_MS = 150;

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export class ScheduledService {
  readonly #options: ScheduledServiceOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastJobs: string | undefined;
  #lastSummary: string | undefined;
  #summary: ScheduleSummaryView | undefined;
  #generation = 0;
  #disposed = false;

  constructor(options: ScheduledServiceOptions) {
    this.#options = options;
  }

  #zone(): string {
    return (this.#options.timeZone ?? systemTimeZone)();
  }

  #serves(method: string): boolean {
    return this.#options.methods().includes(method);
  }

  async list(): Promise<ScheduledJobsView> {
    const timeZone = this.#zone();
    if (!this.#options.connected()) return { state: 'offline', jobs: [], timeZone };
    if (!this.#serves('cron.list')) return { state: 'unsupported', jobs: [], timeZone };
    const result = parsed('cron.list', cronListResult, await this.#options.request('cron.list', { includeDisabled: true }));
    return { state: 'ready', jobs: result.jobs.map((job) => scheduledJobView(job, timeZone)), timeZone };
  }

  async runs(jobId: string): Promise<ScheduledRunView[]> {
    if (!this.#options.connected() || !this.#serves('cron.runs')) return [];
    const result = parsed('cron.runs', cronRunsResult, await this.#options.request('cron.runs', { id: jobId, limit: 200 }));
    return scheduledRunViews(result.entries);
  }

  add(input: ScheduledJobInput): Promise<ActionResult & { jobId?: string }> {
    return this.#act('cron.add', async () => {
      const job = parsed('cron.add', cronJobResult, await this.#options.request('cron.add', cronJobParams(input)));
      return { ok: true, jobId: job.id };
    });
  }

  update(jobId: string, input: ScheduledJobInput): Promise<ActionResult> {
    return this.#act('cron.update', async () => {
      parsed('cron.update', cronJobResult, await this.#options.request('cron.update', { id: jobId, patch: cronJobParams(input) }));
      return { ok: true };
    });
  }

  setEnabled(jobId: string, enabled: boolean): Promise<ActionResult> {
    return this.#act('cron.update', async () => {
      parsed('cron.update', cronJobResult, await this.#options.request('cron.update', { id: jobId, patch: { enabled } }));
      return { ok: true };
    });
  }

  runNow(jobId: string): Promise<ActionResult> {
    return this.#act('cron.run', async () => {
      const result = parsed('cron.run', cronRunResult, await this.#options.request('cron.run', { id: jobId, mode: 'force' }));
      return result.ran ? { ok: true } : { ok: false, message: `The gateway did not run it${result.reason ? ` (${result.reason})` : ''}.` };
    });
  }

  remove(jobId: string): Promise<ActionResult> {
    return this.#act('cron.remove', async () => {
      const result = parsed('cron.remove', cronRemoveResult, await this.#options.request('cron.remove', { id: jobId }));
      return result.removed ? { ok: true } : { ok: false, message: 'That job was already gone.' };
    });
  }

  /** The panel's line: each part only when the gateway serves its method; a failed part is left out. */
  async summary(): Promise<ScheduleSummaryView> {
    const view: ScheduleSummaryView = { timeZone: this.#zone() };
    if (!this.#options.connected()) return view;
    const [cron, heartbeat] = await Promise.all([
      this.#serves('cron.status') ? this.#read('cron.status', (raw) => parsed('cron.status', cronStatusResult, raw)) : undefined,
      this.#serves('last-heartbeat') ? this.#read('last-heartbeat', (raw) => ({ value: parsed('last-heartbeat', lastHeartbeatResult, raw) })) : undefined,
    ]);
    if (cron !== undefined) view.cron = { enabled: cron.enabled, jobs: cron.jobs, nextWakeAtMs: cron.nextWakeAtMs };
    if (heartbeat !== undefined) view.heartbeat = heartbeatSummary(heartbeat.value);
    this.#summary = view;
    return view;
  }

  /** Every gateway event; acts on `cron` and `heartbeat`, ignores malformed ones. */
  onGatewayEvent(event: string, payload: unknown): void {
    if (this.#disposed) return;
    if (event === 'cron') {
      if (!cronEventPayload.check(payload)) {
        this.#options.log?.(`dropped a cron event: ${cronEventPayload.firstError(payload)}`);
        return;
      }
      this.refreshSoon();
    } else if (event === 'heartbeat') {
      if (!heartbeatEventPayload.check(payload)) return;
      const base = this.#summary ?? { timeZone: this.#zone() };
      if (!this.#serves('last-heartbeat') && base.heartbeat === undefined) return;
      this.#publishSummary({ ...base, heartbeat: heartbeatSummary(payload) });
    }
  }

  /** The connection came up or went away: what the windows show may all be different. */
  onConnectionChanged(): void {
    this.refreshSoon();
  }

  /** One refresh of list and summary after `refreshDelayMs`, however many calls come before it. */
  refreshSoon(): void {
    if (this.#disposed || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, this.#options.refreshDelayMs ?? DEFAULT_REFRESH_DELAY_MS);
  }

  /** Reads list and summary and pushes whichever changed. */
  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    const [jobs, summary] = await Promise.all([
      this.list().catch((error: unknown) => {
        this.#options.log?.(`cron.list failed: ${describeFailure(error)}`);
        return undefined;
      }),
      this.summary(),
    ]);
    if (this.#disposed || generation !== this.#generation) return;
    if (jobs !== undefined) {
      const key = JSON.stringify(jobs);
      if (key !== this.#lastJobs) {
        this.#lastJobs = key;
        this.#options.emitJobs(jobs);
      }
    }
    this.#publishSummary(summary);
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #publishSummary(summary: ScheduleSummaryView): void {
    this.#summary = summary;
    const key = JSON.stringify(summary);
    if (key === this.#lastSummary || this.#disposed) return;
    this.#lastSummary = key;
    this.#options.emitSummary(summary);
  }

  async #read<T>(method: string, parse: (raw: unknown) => T): Promise<T | undefined> {
    try {
      return parse(await this.#options.request(method, {}));
    } catch (error) {
      this.#options.log?.(`${method} failed: ${describeFailure(error)}`);
      return undefined;
    }
  }

  async #act<R extends ActionResult>(method: string, work: () => Promise<R>): Promise<R | ActionResult> {
    if (!this.#serves(method) && this.#options.connected()) return { ok: false, message: `This gateway does not serve ${method}, so it cannot run scheduled jobs.` };
    try {
      const result = await work();
      if (result.ok) this.refreshSoon();
      return result;
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  }
}
