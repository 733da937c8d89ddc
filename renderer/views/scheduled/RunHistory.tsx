import { useEffect, useState } from 'react';
import type { GatehouseBridge, ScheduledJobView, ScheduledRunView } from '../../../shared/ipc/contract';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../format/error-message';
import { formatDuration } from '../../format/zoned-time';
import { isScheduledRunViews, runAttention } from '../../state/scheduled-jobs';
import { strings } from '../../strings';
import { ZonedTime } from './ZonedTime';

export interface RunHistoryProps {
  bridge: GatehouseBridge;
  job: ScheduledJobView;
  /** Read again whenever this changes (a `cron` event changed the list). */
  revision: number;
}

type Loaded = { status: 'loading' } | { status: 'ready'; runs: ScheduledRunView[] } | { status: 'failed'; reason: string };

/** A job's runs, newest first; missed and failed runs are marked in words and colour. */
export function RunHistory({ bridge, job, revision }: RunHistoryProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const s = strings.scheduled;

  useEffect(() => {
    let current = true;
    bridge.invoke('scheduled:runs', { jobId: job.id }).then(
      (runs) => current && setLoaded(isScheduledRunViews(runs) ? { status: 'ready', runs } : { status: 'failed', reason: strings.common.loadFailed }),
      (error: unknown) => current && setLoaded({ status: 'failed', reason: errorMessage(error, strings.common.loadFailed) }),
    );
    return () => {
      current = false;
    };
  }, [bridge, job.id, revision]);

  if (loaded.status === 'loading') return <p className="muted">{strings.common.loading}</p>;
  if (loaded.status === 'failed') return <Notice tone="error">{s.historyFailed(loaded.reason)}</Notice>;
  if (loaded.runs.length === 0) return <p className="muted run-history__empty">{s.historyEmpty}</p>;
  return (
    <ol className="run-history" aria-label={s.historyLabel(job.name)}>
      {loaded.runs.map((run) => {
        const attention = runAttention(run.status);
        const at = run.runAtMs ?? run.ts;
        return (
          <li key={run.id} className="run" data-status={run.status} data-attention={attention} data-testid="job-run">
            <span className={`run-status run-status--${run.status}`}>
              {attention !== undefined && <span aria-hidden="true">{attention === 'missed' ? '⚠ ' : '✕ '}</span>}
              {s.status[run.status]}
            </span>
            <ZonedTime ms={at} zone={job.timeZone} />
            {run.durationMs !== undefined && run.status !== 'missed' && <span className="muted">{s.took(formatDuration(run.durationMs))}</span>}
            {run.status === 'missed' && <span className="run__note">{s.missedNote}</span>}
            {run.error !== undefined && <span className="run__error">{run.error}</span>}
            {run.summary !== undefined && run.error === undefined && <span className="run__summary">{run.summary}</span>}
          </li>
        );
      })}
    </ol>
  );
}
