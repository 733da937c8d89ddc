import { useCallback, useEffect, useRef, useState } from 'react';
import type { GatehouseBridge, ScheduledJobsView, ScheduledJobView } from '../../shared/ipc/contract';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { errorMessage } from '../format/error-message';
import { useBridgeEvent } from '../hooks/useLiveValue';
import { isScheduledJobsView } from '../state/scheduled-jobs';
import { strings } from '../strings';
import { JobForm } from './scheduled/JobForm';
import { ScheduledJobCard } from './scheduled/ScheduledJobCard';

export interface ScheduledWindowProps {
  bridge: GatehouseBridge | undefined;
}

type Loaded = { status: 'loading' } | { status: 'ready'; view: ScheduledJobsView } | { status: 'failed'; reason: string };

/** Which form is open: a new job, or the job being edited. */
type FormTarget = { mode: 'add' } | { mode: 'edit'; job: ScheduledJobView } | undefined;

/** Scheduled jobs: each with its next run in its zone, a switch, Run now, history; the Add/Edit form. */
export function ScheduledWindow({ bridge }: ScheduledWindowProps) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [form, setForm] = useState<FormTarget>(undefined);
  /** Bumped on every list change, so open histories read their runs again. */
  const [revision, setRevision] = useState(0);
  const addButton = useRef<HTMLButtonElement>(null);
  const s = strings.scheduled;

  const load = useCallback(() => {
    if (!bridge) return () => {};
    let current = true;
    bridge.invoke('scheduled:list').then(
      (view) => {
        if (!current) return;
        if (isScheduledJobsView(view)) setLoaded({ status: 'ready', view });
        else setLoaded({ status: 'failed', reason: strings.common.loadFailed });
        setRevision((value) => value + 1);
      },
      (error: unknown) => current && setLoaded({ status: 'failed', reason: errorMessage(error, strings.common.loadFailed) }),
    );
    return () => {
      current = false;
    };
  }, [bridge]);

  useEffect(() => load(), [load]);

  useBridgeEvent(bridge, 'scheduled:changed', (view) => {
    if (!isScheduledJobsView(view)) return;
    setLoaded({ status: 'ready', view });
    setRevision((value) => value + 1);
  });

  const closeForm = (): void => {
    setForm(undefined);
    // Back where the person started: the Add button (an edited job's card may have moved).
    requestAnimationFrame(() => addButton.current?.focus());
  };

  const view = loaded.status === 'ready' ? loaded.view : undefined;
  const canEdit = view?.state === 'ready';

  return (
    <ViewFrame
      name="scheduled"
      title={s.title}
      subtitle={s.subtitle}
      bridge={bridge}
      aside={
        <button
          ref={addButton}
          type="button"
          className="button button--primary button--small"
          disabled={!canEdit || form !== undefined}
          onClick={() => setForm({ mode: 'add' })}
        >
          {s.add}
        </button>
      }
    >
      {loaded.status === 'loading' && bridge !== undefined && <p className="muted">{strings.common.loading}</p>}
      {loaded.status === 'failed' && (
        <Notice tone="error">
          {s.loadFailed(loaded.reason)}{' '}
          <button type="button" className="button button--small" onClick={() => load()}>
            {s.reload}
          </button>
        </Notice>
      )}
      {view?.state === 'offline' && <Notice tone="info">{s.offline}</Notice>}
      {view?.state === 'unsupported' && <Notice tone="info">{s.unsupported}</Notice>}

      {bridge !== undefined && view !== undefined && form !== undefined && (
        <JobForm
          key={form.mode === 'edit' ? form.job.id : 'add'}
          bridge={bridge}
          job={form.mode === 'edit' ? form.job : undefined}
          localZone={view.timeZone}
          onDone={closeForm}
        />
      )}

      {view?.state === 'ready' && view.jobs.length === 0 && form === undefined && (
        <section className="scheduled__empty" aria-labelledby="scheduled-empty-title" data-testid="scheduled-empty">
          <h2 id="scheduled-empty-title" className="section-title">
            {s.emptyTitle}
          </h2>
          <p>{s.emptyBody}</p>
        </section>
      )}

      {bridge !== undefined && view?.state === 'ready' && view.jobs.length > 0 && (
        <ul className="scheduled__list" aria-label={s.listLabel}>
          {view.jobs.map((job) => (
            <li key={job.id}>
              <ScheduledJobCard bridge={bridge} job={job} revision={revision} onEdit={() => setForm({ mode: 'edit', job })} editing={form !== undefined} />
            </li>
          ))}
        </ul>
      )}
    </ViewFrame>
  );
}
