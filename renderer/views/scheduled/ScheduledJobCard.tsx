import { useEffect, useState } from 'react';
import type { GatehouseBridge, ScheduledJobView } from '../../../shared/ipc/contract';
import { Notice } from '../../components/Notice';
import { formatInterval, formatInZone } from '../../format/zoned-time';
import { useAction } from '../../hooks/useAction';
import { strings } from '../../strings';
import { RunHistory } from './RunHistory';
import { ZonedTime } from './ZonedTime';

export interface ScheduledJobCardProps {
  bridge: GatehouseBridge;
  job: ScheduledJobView;
  /** Changes whenever the job list does: an open history reads its runs again. */
  revision: number;
  onEdit: () => void;
  /** A form is open: Edit waits for it. */
  editing: boolean;
}

type JobAction = 'toggle' | 'run' | 'remove';

/** The schedule in words: `Cron 0 8 * * 1-5`, `Every 15 minutes`, `Once`. */
function ScheduleText({ job }: { job: ScheduledJobView }) {
  const s = strings.scheduled;
  switch (job.schedule.kind) {
    case 'cron':
      return (
        <>
          {s.cron} <code className="scheduled__expr">{job.schedule.expr}</code>
        </>
      );
    case 'every':
      return <>{s.every(formatInterval(job.schedule.everyMs))}</>;
    case 'at':
      return <>{s.once}</>;
  }
}

/** One job: what, when (in its zone, named), its switch, Run now, Edit, Delete and its history. */
export function ScheduledJobCard({ bridge, job, revision, onEdit, editing }: ScheduledJobCardProps) {
  const s = strings.scheduled;
  const action = useAction<JobAction>();
  const [showHistory, setShowHistory] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const nameId = `job-${job.id}-name`;
  const historyId = `job-${job.id}-history`;

  useEffect(() => {
    if (!confirmRemove) return;
    const timer = setTimeout(() => setConfirmRemove(false), 5_000);
    return () => clearTimeout(timer);
  }, [confirmRemove]);

  const toggle = (): void => void action.run('toggle', () => bridge.invoke('scheduled:setEnabled', { jobId: job.id, enabled: !job.enabled }));
  const runNow = (): void => {
    void action.run('run', () => bridge.invoke('scheduled:runNow', { jobId: job.id })).then((ok) => ok && setShowHistory(true));
  };
  const remove = (): void => {
    if (!confirmRemove) {
      setConfirmRemove(true);
      return;
    }
    setConfirmRemove(false);
    void action.run('remove', () => bridge.invoke('scheduled:remove', { jobId: job.id }));
  };

  const zoneNote = job.zoneSource === 'job' ? s.zoneOwn : s.zoneLocal;
  const lastStatus = job.lastStatus;

  return (
    <article className="job" aria-labelledby={nameId} data-enabled={job.enabled} data-testid="scheduled-job">
      <header className="job__header">
        <div className="job__titles">
          <h2 id={nameId} className="job__name">
            {job.name}
          </h2>
          <p className="job__schedule">
            <ScheduleText job={job} /> <span className="job__target">· {s.target[job.sessionTarget]}</span>
          </p>
        </div>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={job.enabled}
            aria-label={s.enabledLabel(job.name)}
            disabled={action.pending !== undefined}
            onChange={toggle}
          />
          <span aria-hidden="true">{s.enabled}</span>
        </label>
      </header>

      <dl className="job__facts">
        <div className="job__fact">
          <dt>{s.nextRun}</dt>
          <dd data-testid="job-next-run">
            {job.runningAtMs !== undefined ? (
              <span className="badge badge--running">{s.runningSince(formatInZone(job.runningAtMs, job.timeZone))}</span>
            ) : !job.enabled ? (
              s.disabledNextRun
            ) : job.nextRunAtMs !== undefined ? (
              <ZonedTime ms={job.nextRunAtMs} zone={job.timeZone} zoneTitle={zoneNote} />
            ) : (
              s.noNextRun
            )}
          </dd>
        </div>
        {job.lastRunAtMs !== undefined && (
          <div className="job__fact">
            <dt>{s.lastRun}</dt>
            <dd>
              <ZonedTime ms={job.lastRunAtMs} zone={job.timeZone} zoneTitle={zoneNote} />
              {lastStatus !== undefined && (
                <>
                  {' '}
                  <span className={`run-status run-status--${lastStatus}`}>{s.status[lastStatus]}</span>
                </>
              )}
            </dd>
          </div>
        )}
      </dl>

      <p className="job__payload">{job.payload.text}</p>
      {job.autoDisabled !== undefined && <Notice tone="warning">{s.autoDisabled(job.autoDisabled.reason)}</Notice>}
      {job.autoDisabled === undefined && job.consecutiveErrors !== undefined && job.consecutiveErrors > 0 && (
        <Notice tone="warning" live={false}>
          {s.consecutiveErrors(job.consecutiveErrors)}
          {job.lastError !== undefined && ` ${job.lastError}`}
        </Notice>
      )}

      <div className="job__actions" role="group" aria-label={s.actionsLabel(job.name)}>
        <button type="button" className="button button--small" disabled={action.pending !== undefined} aria-busy={action.pending === 'run'} onClick={runNow}>
          {action.pending === 'run' ? s.running : s.runNow}
        </button>
        <button type="button" className="button button--small" disabled={editing} onClick={onEdit}>
          {s.edit}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-expanded={showHistory}
          aria-controls={historyId}
          onClick={() => setShowHistory((shown) => !shown)}
        >
          {s.history}
        </button>
        <button
          type="button"
          className={`button button--small${confirmRemove ? ' button--danger' : ' button--quiet'}`}
          disabled={action.pending !== undefined}
          onClick={remove}
          onBlur={() => setConfirmRemove(false)}
        >
          {confirmRemove ? s.confirmRemove : s.remove}
        </button>
      </div>
      {action.failure !== undefined && <Notice tone="error">{action.failure}</Notice>}
      <div id={historyId} hidden={!showHistory}>
        {showHistory && <RunHistory bridge={bridge} job={job} revision={revision} />}
      </div>
    </article>
  );
}
