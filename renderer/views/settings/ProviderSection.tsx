import { useState } from 'react';
import type { GatehouseBridge, SettingsView } from '../../../shared/ipc/contract';
import { FormStatus, type FormStatusValue } from '../../components/FormStatus';
import { ProviderFields } from '../../components/ProviderFields';
import { errorMessage } from '../../format/error-message';
import { providerFormFrom, providerSetup, type ProviderForm, type ProviderFormProblem } from '../../state/settings-form';
import { strings } from '../../strings';

export interface ProviderSectionProps {
  bridge: GatehouseBridge | undefined;
  settings: SettingsView;
  onSaved: () => Promise<void>;
}

export function ProviderSection({ bridge, settings, onSaved }: ProviderSectionProps) {
  const s = strings.settings;
  const [form, setForm] = useState<ProviderForm>(() => providerFormFrom(settings));
  const [problems, setProblems] = useState<Partial<Record<'model' | 'apiKey' | 'baseUrl', ProviderFormProblem>>>({});
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    if (saving) return;
    const checked = providerSetup(form, settings);
    if (!checked.ok) {
      setProblems(checked.problems);
      setStatus(undefined);
      return;
    }
    setProblems({});
    if (!bridge) return;
    setSaving(true);
    try {
      const result = await bridge.invoke('settings:setProvider', checked.value);
      if (result?.ok) {
        setForm((previous) => ({ ...previous, apiKey: '' }));
        setStatus({ tone: 'ok', text: strings.common.saved });
        await onSaved();
      } else setStatus({ tone: 'error', text: result?.message || strings.common.actionFailed });
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-provider">
      <h2 id="settings-provider" className="section-title">
        {s.providerSection}
      </h2>
      <p className="muted" data-testid="provider-state">
        {settings.providerConfigured ? s.providerConfigured(settings.model) : s.providerMissing}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        noValidate
      >
        <ProviderFields form={form} onChange={setForm} problems={problems} saved={settings} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={!bridge} aria-busy={saving}>
            {saving ? strings.common.saving : s.saveProvider}
          </button>
          <FormStatus status={status} testId="provider-save-status" />
        </div>
      </form>
    </section>
  );
}
