/**
 * The contract's scheduled-jobs channels over a ScheduledService: each request checked against
 * its schema first, actions answering an ActionResult. Served by the tray's controller and the
 * browser bridge alike.
 */
import type { InvokeResponse } from '../../shared/ipc/contract.js';
import { actionResult } from '../action-result.js';
import { parseRequest } from '../requests/request-schemas.js';
import type { ScheduledService } from './scheduled-service.js';

type ScheduledChannel =
  | 'scheduled:list'
  | 'scheduled:runs'
  | 'scheduled:add'
  | 'scheduled:update'
  | 'scheduled:setEnabled'
  | 'scheduled:runNow'
  | 'scheduled:remove'
  | 'scheduled:summary';

export type ScheduledHandlers = { [C in ScheduledChannel]: (request: unknown) => Promise<InvokeResponse<C>> };

export function scheduledHandlers(scheduled: ScheduledService): ScheduledHandlers {
  return {
    'scheduled:list': () => scheduled.list(),
    'scheduled:runs': (raw) => scheduled.runs(parseRequest('scheduled:runs', raw).jobId),
    'scheduled:add': (raw) => actionResult(() => scheduled.add(parseRequest('scheduled:add', raw))),
    'scheduled:update': (raw) =>
      actionResult(() => {
        const { jobId, job } = parseRequest('scheduled:update', raw);
        return scheduled.update(jobId, job);
      }),
    'scheduled:setEnabled': (raw) =>
      actionResult(() => {
        const { jobId, enabled } = parseRequest('scheduled:setEnabled', raw);
        return scheduled.setEnabled(jobId, enabled);
      }),
    'scheduled:runNow': (raw) => actionResult(() => scheduled.runNow(parseRequest('scheduled:runNow', raw).jobId)),
    'scheduled:remove': (raw) => actionResult(() => scheduled.remove(parseRequest('scheduled:remove', raw).jobId)),
    'scheduled:summary': () => scheduled.summary(),
  };
}
