import type { CronJobView } from '../../../shared/protocol/cron/results.js';
import type { CronJob } from './cron-job.js';

/**
 * A job as clients read it: both one-shot keys (`atMs` for protocol 3, `at` for protocol 4) and
 * the delivery both ways (the protocol-3 fields on an agentTurn payload, the protocol-4 object).
 */
export function jobView(job: CronJob): CronJobView {
  let schedule: CronJobView['schedule'];
  if (job.schedule.kind === 'at') schedule = { kind: 'at', atMs: job.schedule.atMs, at: new Date(job.schedule.atMs).toISOString() };
  else if (job.schedule.kind === 'every') schedule = { ...job.schedule };
  else {
    // offsetMs is the scheduler's own bookkeeping; clients see the window they asked for.
    const { offsetMs: _offsetMs, ...cron } = job.schedule;
    schedule = cron;
  }
  let payload: CronJobView['payload'] = { ...job.payload };
  const delivery = job.delivery;
  if (payload.kind === 'agentTurn' && delivery) {
    payload = {
      ...payload,
      deliver: delivery.mode !== 'none',
      ...(delivery.channel !== undefined ? { channel: delivery.channel } : {}),
      ...(delivery.to !== undefined ? { to: delivery.to } : {}),
      ...(delivery.bestEffort !== undefined ? { bestEffortDeliver: delivery.bestEffort } : {}),
    };
  }
  const state = { ...job.state };
  return {
    id: job.id,
    name: job.name,
    ...(job.description !== undefined ? { description: job.description } : {}),
    enabled: job.enabled,
    ...(job.agentId !== undefined ? { agentId: job.agentId } : {}),
    ...(job.deleteAfterRun !== undefined ? { deleteAfterRun: job.deleteAfterRun } : {}),
    createdAtMs: job.createdAtMs,
    updatedAtMs: job.updatedAtMs,
    schedule,
    sessionTarget: job.sessionTarget,
    wakeMode: job.wakeMode,
    payload,
    ...(delivery !== undefined ? { delivery: { ...delivery } } : {}),
    ...(job.isolation !== undefined ? { isolation: { ...job.isolation } } : {}),
    ...(job.failureAlert !== undefined ? { failureAlert: job.failureAlert === false ? false : { ...job.failureAlert } } : {}),
    // Protocol 4 renamed lastStatus to lastRunStatus; both are sent.
    state: state.lastStatus !== undefined ? { ...state, lastRunStatus: state.lastStatus } : state,
  };
}
