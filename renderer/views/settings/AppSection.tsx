import { useEffect, useState } from 'react';
import type { SettingsUpdate, SettingsView } from '../../../shared/ipc/contract';
import { Field } from '../../components/Field';
import { FormStatus, type FormStatusValue } from '../../components/FormStatus';
import { errorMessage } from '../../format/error-message';
import { strings } from '../../strings';

export interface AppSectionProps {
  settings: SettingsView;
  update: (changes: SettingsUpdate) => Promise<SettingsView>;
}

type AppPreferences = Pick<SettingsView, 'notifications' | 'launchAtLogin' | 'quitBehavior'>;

const quitBehaviors: readonly SettingsView['quitBehavior'][] = ['ask', 'stop-gateway', 'leave-running'];

function preferencesOf(settings: SettingsView): AppPreferences {
  return { notifications: settings.notifications, launchAtLogin: settings.launchAtLogin, quitBehavior: settings.quitBehavior };
}

/** Preferences that apply as soon as they change (shown at once, put back if main refuses). */
export function AppSection({ settings, update }: AppSectionProps) {
  const s = strings.settings;
  const [values, setValues] = useState<AppPreferences>(() => preferencesOf(settings));
  const [status, setStatus] = useState<FormStatusValue>(undefined);

  useEffect(() => setValues(preferencesOf(settings)), [settings]);

  const apply = async (changes: Partial<AppPreferences>): Promise<void> => {
    setValues((previous) => ({ ...previous, ...changes }));
    setStatus(undefined);
    try {
      await update(changes);
      setStatus({ tone: 'ok', text: strings.common.saved });
    } catch (error) {
      setValues(preferencesOf(settings));
      setStatus({ tone: 'error', text: errorMessage(error, strings.common.actionFailed) });
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-app">
      <h2 id="settings-app" className="section-title">
        {s.appSection}
      </h2>
      <label className="check">
        <input type="checkbox" checked={values.notifications} onChange={(event) => void apply({ notifications: event.target.checked })} />
        <span>{s.notifications}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={values.launchAtLogin} onChange={(event) => void apply({ launchAtLogin: event.target.checked })} />
        <span>{s.launchAtLogin}</span>
      </label>
      <Field label={s.quitLabel} help={s.quitHelp}>
        {({ id, describedBy }) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={values.quitBehavior}
            onChange={(event) => void apply({ quitBehavior: event.target.value as SettingsView['quitBehavior'] })}
          >
            {quitBehaviors.map((behavior) => (
              <option key={behavior} value={behavior}>
                {s.quit[behavior]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormStatus status={status} testId="app-save-status" />
    </section>
  );
}
