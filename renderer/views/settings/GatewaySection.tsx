import { useEffect, useRef, useState } from 'react';
import type { SettingsUpdate, SettingsView } from '../../../shared/ipc/contract';
import { Field } from '../../components/Field';
import { FormStatus, type FormStatusValue } from '../../components/FormStatus';
import { GatewayModeFields } from '../../components/GatewayModeFields';
import { errorMessage } from '../../format/error-message';
import { bindModes, gatewayFormFrom, gatewayUpdate, type GatewayForm, type GatewayFormProblem } from '../../state/settings-form';
import { strings } from '../../strings';

export interface GatewaySectionProps {
  settings: SettingsView;
  update: (changes: SettingsUpdate) => Promise<SettingsView>;
}

/** Local gateway (port, bind) or a remote one (URL, write-only token), saved together. */
export function GatewaySection({ settings, update }: GatewaySectionProps) {
  const s = strings.settings;
  const [form, setForm] = useState<GatewayForm>(() => gatewayFormFrom(settings));
  const [problems, setProblems] = useState<Partial<Record<'remoteUrl' | 'port', GatewayFormProblem>>>({});
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const [saving, setSaving] = useState(false);
  // A remote token counts as saved once remote mode with a URL has been saved (the view never says).
  const tokenSaved = settings.gatewayMode === 'remote' && settings.remoteUrl !== undefined;

  // Refill from main only when the saved gateway settings change (not when another section saves).
  const savedKey = [settings.gatewayMode, settings.remoteUrl, settings.port, settings.bind].join('\n');
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  useEffect(() => {
    setForm((previous) => ({ ...gatewayFormFrom(settingsRef.current), remoteToken: previous.remoteToken }));
  }, [savedKey]);

  const save = async (): Promise<void> => {
    if (saving) return;
    const checked = gatewayUpdate(form, settings);
    if (!checked.ok) {
      setProblems(checked.problems);
      setStatus(undefined);
      return;
    }
    setProblems({});
    if (Object.keys(checked.value).length === 0) {
      setStatus({ tone: 'ok', text: strings.common.noChanges });
      return;
    }
    setSaving(true);
    try {
      await update(checked.value);
      setForm((previous) => ({ ...previous, remoteToken: '' }));
      setStatus({ tone: 'ok', text: strings.common.saved });
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-gateway">
      <h2 id="settings-gateway" className="section-title">
        {s.gatewaySection}
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        noValidate
      >
        <GatewayModeFields
          form={form}
          onChange={setForm}
          problems={problems}
          tokenSaved={tokenSaved}
          legend={s.modeLabel}
          choices={{ local: s.modeLocal, remote: s.modeRemote }}
        />
        {form.mode === 'local' && (
          <div className="field-row">
            <Field label={s.portLabel} problem={problems.port && s.problems[problems.port]}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  type="text"
                  inputMode="numeric"
                  className="input--short"
                  value={form.port}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(event) => setForm({ ...form, port: event.target.value })}
                />
              )}
            </Field>
            <Field label={s.bindLabel}>
              {({ id }) => (
                <select id={id} value={form.bind} onChange={(event) => setForm({ ...form, bind: event.target.value as GatewayForm['bind'] })}>
                  {bindModes.map((mode) => (
                    <option key={mode} value={mode}>
                      {s.bind[mode]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" aria-busy={saving}>
            {saving ? strings.common.saving : s.saveGateway}
          </button>
          <FormStatus status={status} testId="gateway-save-status" />
        </div>
      </form>
    </section>
  );
}
