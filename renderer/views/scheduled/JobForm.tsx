import { useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { GatehouseBridge, ScheduledJobView } from '../../../shared/ipc/contract';
import { Field } from '../../components/Field';
import { FormStatus, type FormStatusValue } from '../../components/FormStatus';
import { errorMessage } from '../../format/error-message';
import { formatInZone } from '../../format/zoned-time';
import { useNow } from '../../hooks/useNow';
import {
  checkScheduleForm,
  emptyScheduleForm,
  formFromJob,
  schedulePreview,
  timeZoneChoices,
  type EveryUnit,
  type FormProblems,
  type PayloadKind,
  type ScheduleFormState,
  type ScheduleKind,
} from '../../state/schedule-form';
import { strings } from '../../strings';

export interface JobFormProps {
  bridge: GatehouseBridge;
  /** The job to edit; a new one when absent. */
  job: ScheduledJobView | undefined;
  /** The companion's zone: the zone picker's default. */
  localZone: string;
  onDone: () => void;
}

const kinds: readonly ScheduleKind[] = ['cron', 'every', 'at'];
const payloadKinds: readonly PayloadKind[] = ['systemEvent', 'agentTurn'];
const units: readonly EveryUnit[] = ['seconds', 'minutes', 'hours', 'days'];

/** Add or edit a job. The schedule field previews the next five runs in the chosen zone as you type. */
export function JobForm({ bridge, job, localZone, onDone }: JobFormProps) {
  const f = strings.scheduled.form;
  const [form, setForm] = useState<ScheduleFormState>(() => (job ? formFromJob(job, localZone) : emptyScheduleForm(localZone)));
  const [problems, setProblems] = useState<FormProblems>({});
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const now = useNow(15_000);
  const ids = useId();
  const zones = useMemo(() => timeZoneChoices(localZone, form.tz), [localZone, form.tz]);
  const preview = useMemo(() => schedulePreview(form, now, job), [form, now, job]);

  // Before paint (see TokenSection.tsx): an Escape pressed as the form appeared went to the Edit
  // button behind it and left the form open.
  useLayoutEffect(() => heading.current?.focus(), []);

  const set = <K extends keyof ScheduleFormState>(key: K, value: ScheduleFormState[K]): void => {
    setForm((current) => ({ ...current, [key]: value }));
    if (key === 'name' || key === 'text') setProblems((current) => ({ ...current, [key]: undefined }));
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (saving) return;
    const checked = checkScheduleForm(form, Date.now());
    if (!checked.ok) {
      setProblems(checked.problems);
      setStatus(undefined);
      return;
    }
    setProblems({});
    setSaving(true);
    setStatus(undefined);
    try {
      const result = job
        ? await bridge.invoke('scheduled:update', { jobId: job.id, job: checked.input })
        : await bridge.invoke('scheduled:add', checked.input);
      if (result.ok) {
        onDone();
        return;
      }
      setStatus({ tone: 'error', text: result.message ?? strings.common.actionFailed });
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !saving) {
      event.preventDefault();
      onDone();
    }
  };

  const scheduleProblem = !preview.ok && preview.field === 'schedule' ? f.problem(preview.problem) : undefined;
  const zoneProblem = !preview.ok && preview.field === 'tz' ? f.problem(preview.problem) : undefined;
  const previewId = `${ids}-preview`;
  const titleId = `${ids}-title`;
  const zoneUsed = form.kind !== 'every';

  return (
    <section className="job-form" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <h2 id={titleId} ref={heading} tabIndex={-1} className="section-title">
        {job ? f.editTitle(job.name) : f.addTitle}
      </h2>
      <form className="field-group" noValidate onSubmit={(event) => void submit(event)}>
        <Field label={f.name} problem={problems.name && f.problem(problems.name)}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              value={form.name}
              placeholder={f.namePlaceholder}
              maxLength={200}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => set('name', event.target.value)}
            />
          )}
        </Field>

        <fieldset className="fieldset">
          <legend className="fieldset__legend">{f.whatLabel}</legend>
          {payloadKinds.map((kind) => (
            <label key={kind} className="choice">
              <input type="radio" name={`${ids}-payload`} checked={form.payloadKind === kind} onChange={() => set('payloadKind', kind)} />
              <span className="choice__text">
                <span>{f[kind]}</span>
                <span className="choice__help">{kind === 'systemEvent' ? f.systemEventHelp : f.agentTurnHelp}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <Field label={f.text} problem={problems.text && f.problem(problems.text)}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              rows={3}
              value={form.text}
              maxLength={50_000}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => set('text', event.target.value)}
            />
          )}
        </Field>

        <fieldset className="fieldset">
          <legend className="fieldset__legend">{f.scheduleLabel}</legend>
          <div className="segmented" role="radiogroup" aria-label={f.scheduleLabel}>
            {kinds.map((kind) => (
              <label key={kind} className="choice">
                <input type="radio" name={`${ids}-kind`} checked={form.kind === kind} onChange={() => set('kind', kind)} />
                <span>{f.kinds[kind]}</span>
              </label>
            ))}
          </div>

          {form.kind === 'cron' && (
            <div className="field">
              <label className="field__label" htmlFor={`${ids}-expr`}>
                {f.expr}
              </label>
              <input
                id={`${ids}-expr`}
                type="text"
                className="input--mono"
                value={form.expr}
                spellCheck={false}
                autoComplete="off"
                maxLength={200}
                aria-invalid={scheduleProblem !== undefined}
                aria-describedby={`${ids}-expr-help ${previewId}`}
                onChange={(event) => set('expr', event.target.value)}
              />
              <p id={`${ids}-expr-help`} className="field__help">
                {f.exprHelp}
              </p>
            </div>
          )}
          {form.kind === 'every' && (
            <div className="field-inline">
              <div className="field">
                <label className="field__label" htmlFor={`${ids}-every`}>
                  {f.everyValue}
                </label>
                <input
                  id={`${ids}-every`}
                  type="text"
                  inputMode="decimal"
                  className="input--short"
                  value={form.everyValue}
                  aria-invalid={scheduleProblem !== undefined}
                  aria-describedby={previewId}
                  onChange={(event) => set('everyValue', event.target.value)}
                />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${ids}-unit`}>
                  {f.everyUnit}
                </label>
                <select id={`${ids}-unit`} value={form.everyUnit} onChange={(event) => set('everyUnit', event.target.value as EveryUnit)}>
                  {units.map((unit) => (
                    <option key={unit} value={unit}>
                      {f.units[unit]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          {form.kind === 'at' && (
            <div className="field">
              <label className="field__label" htmlFor={`${ids}-at`}>
                {f.at}
              </label>
              <input
                id={`${ids}-at`}
                type="datetime-local"
                value={form.at}
                aria-invalid={scheduleProblem !== undefined}
                aria-describedby={previewId}
                onChange={(event) => set('at', event.target.value)}
              />
            </div>
          )}
          {zoneUsed && (
            <div className="field">
              <label className="field__label" htmlFor={`${ids}-tz`}>
                {f.zone}
              </label>
              <select
                id={`${ids}-tz`}
                value={form.tz}
                aria-invalid={zoneProblem !== undefined}
                aria-describedby={`${ids}-tz-help ${previewId}`}
                onChange={(event) => set('tz', event.target.value)}
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
              <p id={`${ids}-tz-help`} className="field__help">
                {f.zoneHelp(localZone)}
              </p>
            </div>
          )}

          <div id={previewId} className="schedule-preview" aria-live="polite" data-testid="schedule-preview">
            {preview.ok ? (
              <>
                <span className="schedule-preview__label">
                  {f.previewLabel} ({zoneUsed ? form.tz : localZone}):
                </span>
                {preview.runs.length === 0 ? (
                  <span className="field__problem">{f.previewNone}</span>
                ) : (
                  <ol className="schedule-preview__runs">
                    {preview.runs.map((run) => (
                      <li key={run}>
                        <time dateTime={new Date(run).toISOString()}>{formatInZone(run, zoneUsed ? form.tz : localZone, now)}</time>
                      </li>
                    ))}
                  </ol>
                )}
                {preview.staggerWindowMs !== undefined && (
                  <p className="field__help" data-testid="schedule-stagger">
                    {f.staggered(preview.staggerWindowMs)}
                  </p>
                )}
              </>
            ) : (
              <p className="field__problem" data-testid="schedule-problem">
                {f.problem(preview.problem)}
              </p>
            )}
          </div>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving} aria-busy={saving}>
            {saving ? f.saving : job ? f.save : f.add}
          </button>
          <button type="button" className="button" disabled={saving} onClick={onDone}>
            {f.cancel}
          </button>
        </div>
        <FormStatus status={status} testId="job-form-status" />
      </form>
    </section>
  );
}
