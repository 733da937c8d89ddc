import { filterJobs, filterRuns, narrowsOrSorts } from './cron-list-filters.js';
import { randomUUID } from 'node:crypto';
import {
  CronAddParams,
  CronListParams,
  CronRemoveParams,
  CronRunParams,
  CronRunsParams,
  CronStatusParams,
  CronUpdateParams,
} from '../../../shared/protocol/cron/params.js';
import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import { invalidRequest, type GatewayError } from '../../../shared/protocol/error-codes.js';
import { defineMethod, type MethodDefinition } from '../../core/router/method-definition.js';
import type { CronJob } from './cron-job.js';
import { jobFromInput } from './cron-job-input.js';
import { jobView } from './cron-job-view.js';
import type { CronRepository } from './cron-repository.js';
import type { CronScheduler } from './cron-scheduler.js';

export interface CronMethodsDeps {
  readonly scheduler: CronScheduler;
  readonly repository: CronRepository;
  readonly clock: { now(): number };
  /** Where jobs live, for `cron.status` (the gateway's SQLite file). */
  storePath(): string;
}

/** Protocol 4's `details` for an unknown id; protocol 3 clients read the message. */
function jobNotFound(jobId: string): GatewayError {
  return invalidRequest(`unknown cron job id: ${jobId}`, { code: 'CRON_JOB_NOT_FOUND', jobId });
}

function idOf(params: { id?: string; jobId?: string }): string {
  const id = params.id ?? params.jobId;
  if (id === undefined) throw invalidRequest('id: one of `id` or `jobId` is required', { field: 'id' });
  return id;
}

/** The cron.* family (methods.json), read as a table of handlers. */
export function cronMethods(deps: CronMethodsDeps): MethodDefinition[] {
  const { scheduler } = deps;
  const existing = (id: string): CronJob => {
    const job = scheduler.get(id);
    if (!job) throw jobNotFound(id);
    return job;
  };
  return [
    defineMethod({
      name: 'cron.list',
      params: CronListParams,
      handler: ({ params }) => {
        // A protocol-4 `enabled` filter asks for disabled jobs itself.
        const withDisabled = (params.includeDisabled ?? false) || (params.enabled !== undefined && params.enabled !== 'enabled');
        const offset = params.offset ?? 0;
        const paged = params.limit !== undefined || offset > 0;
        const page = <T>(items: readonly T[]): readonly T[] => (paged ? items.slice(offset, offset + (params.limit ?? items.length)) : items);
        // No filter: the scheduler's listing of unchanged jobs is served as it is, a page a slice of it.
        if (!narrowsOrSorts(params) && params.agentId === undefined) return { jobs: page(scheduler.listViews(withDisabled)) as CronJobView[] };
        let jobs = filterJobs(scheduler.list(withDisabled), params);
        if (params.agentId !== undefined) jobs = jobs.filter((job) => job.agentId === params.agentId);
        return { jobs: page(jobs).map((job) => scheduler.viewOf(job)) };
      },
    }),
    defineMethod({
      name: 'cron.status',
      params: CronStatusParams,
      handler: () => ({ ...scheduler.status(), storePath: deps.storePath() }),
    }),
    defineMethod({
      name: 'cron.add',
      params: CronAddParams,
      controlPlaneWrite: true,
      handler: ({ params }) => jobView(scheduler.add(jobFromInput(params, { id: randomUUID(), now: deps.clock.now() }))),
    }),
    defineMethod({
      name: 'cron.update',
      params: CronUpdateParams,
      controlPlaneWrite: true,
      handler: ({ params }) => {
        const current = existing(idOf(params));
        // A copy: a patch refused halfway must leave the live job untouched.
        const copy = structuredClone(current);
        return jobView(scheduler.update(jobFromInput(params.patch, { id: current.id, now: deps.clock.now(), existing: copy })));
      },
    }),
    defineMethod({
      name: 'cron.remove',
      params: CronRemoveParams,
      controlPlaneWrite: true,
      // Like OpenClaw: removing a job that is not there answers removed:false.
      handler: ({ params }) => ({ ok: true as const, removed: scheduler.remove(idOf(params)) }),
    }),
    defineMethod({
      name: 'cron.run',
      params: CronRunParams,
      controlPlaneWrite: true,
      handler: ({ params }) => {
        const id = idOf(params);
        existing(id);
        // Answers once the run has started (protocol 4 style); `cron` events and cron.runs follow it.
        const { ran, reason, runId } = scheduler.runNow(id, params.mode ?? 'force');
        return { ok: true as const, ran, ...(reason !== undefined ? { reason } : {}), ...(runId !== undefined ? { runId } : {}) };
      },
    }),
    defineMethod({
      name: 'cron.runs',
      params: CronRunsParams,
      handler: ({ params }) => {
        const id = idOf(params);
        // Skipped runs are hidden unless asked for: by the flag, by a status filter naming them, or
        // by a runId (cron.run answered with it, and the run it started may have been skipped).
        const includeSkipped =
          params.includeSkipped ?? (params.status === 'skipped' || (params.statuses?.some((status: string) => status === 'skipped') ?? false) || params.runId !== undefined);
        const stored = deps.repository.runs(id, params.limit ?? 200, { includeSkipped });
        // A removed job's history stays readable; an id that never ran anything is unknown.
        if (stored.length === 0 && !scheduler.get(id) && !deps.repository.hasRuns(id)) throw jobNotFound(id);
        return { entries: filterRuns(stored, params) };
      },
    }),
  ];
}
