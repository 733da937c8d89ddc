import type { GatehouseBridge, ScheduleSummaryView } from '../../shared/ipc/contract';
import { formatInZone } from '../format/zoned-time';
import { useLiveValue } from '../hooks/useLiveValue';
import { isScheduleSummaryView } from '../state/scheduled-jobs';
import { strings } from '../strings';

export interface ScheduleSummaryProps {
  bridge: GatehouseBridge | undefined;
}

/**
 * The panel's line on scheduled work: the next cron wake and the last heartbeat, each shown only
 * when the gateway serves its method (main leaves the part out otherwise).
 */
export function ScheduleSummary({ bridge }: ScheduleSummaryProps) {
  const live = useLiveValue(bridge, 'scheduled:summaryChanged', (b) => b.invoke('scheduled:summary'), isScheduleSummaryView);
  if (live.status !== 'ready') return null;
  const summary: ScheduleSummaryView = live.value;
  if (summary.cron === undefined && summary.heartbeat === undefined) return null;
  const p = strings.panel;
  const { cron, heartbeat, timeZone } = summary;
  return (
    <dl className="details schedule-summary" aria-label={p.scheduleLabel} data-testid="schedule-summary">
      {cron !== undefined && (
        <div className="details__row">
          <dt>{p.nextWakeLabel}</dt>
          <dd data-testid="next-wake">
            {!cron.enabled ? (
              p.schedulerOff
            ) : cron.nextWakeAtMs === null ? (
              p.nextWakeNone
            ) : (
              <>
                <time dateTime={new Date(cron.nextWakeAtMs).toISOString()}>{formatInZone(cron.nextWakeAtMs, timeZone)}</time>{' '}
                <span className="zoned-time__zone">{timeZone}</span>
              </>
            )}
          </dd>
        </div>
      )}
      {heartbeat !== undefined && (
        <div className="details__row">
          <dt>{p.lastHeartbeatLabel}</dt>
          <dd data-testid="last-heartbeat">
            {heartbeat === null ? (
              p.heartbeatNone
            ) : (
              <>
                <time dateTime={new Date(heartbeat.ts).toISOString()}>{formatInZone(heartbeat.ts, timeZone)}</time> · {p.heartbeatStatus[heartbeat.status] ?? heartbeat.status}
                {heartbeat.reason ? ` (${heartbeat.reason})` : ''}
              </>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}
