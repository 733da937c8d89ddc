import type { SettingsView } from '../../shared/ipc/contract';
import { apiKeyRequired, providerNames, type ProviderForm, type ProviderFormProblem } from '../state/settings-form';
import { strings } from '../strings';
import { Field } from './Field';

export interface ProviderFieldsProps {
  form: ProviderForm;
  onChange: (form: ProviderForm) => void;
  problems: Partial<Record<'model' | 'apiKey' | 'baseUrl', ProviderFormProblem>>;
  saved: Pick<SettingsView, 'model' | 'providerConfigured'> | undefined;
  disabled?: boolean;
}

function problemText(problem: ProviderFormProblem | undefined, urlField = false): string | undefined {
  if (problem === undefined) return undefined;
  if (problem === 'required') return strings.settings.problems.required;
  return urlField ? strings.settings.problems['base-url-invalid'] : strings.settings.problems['url-invalid'];
}

/** Provider, model, write-only API key and (for OpenAI-compatible servers) base URL. */
export function ProviderFields({ form, onChange, problems, saved, disabled = false }: ProviderFieldsProps) {
  const s = strings.settings;
  const keyRequired = apiKeyRequired(form, saved);
  const keySaved = !keyRequired && form.provider !== 'openai-compatible';
  const keyPlaceholder = keySaved ? s.apiKeyPlaceholderSaved : keyRequired ? s.apiKeyPlaceholderNew : s.apiKeyPlaceholderOptional;
  return (
    <div className="field-group">
      <Field label={s.providerLabel}>
        {({ id }) => (
          <select
            id={id}
            value={form.provider}
            disabled={disabled}
            onChange={(event) => onChange({ ...form, provider: event.target.value as ProviderForm['provider'] })}
          >
            {providerNames.map((name) => (
              <option key={name} value={name}>
                {s.providers[name]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={s.modelLabel} problem={problemText(problems.model)}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            value={form.model}
            placeholder={s.modelPlaceholder[form.provider]}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ ...form, model: event.target.value })}
          />
        )}
      </Field>
      {form.provider === 'openai-compatible' && (
        <Field label={s.baseUrlLabel} problem={problemText(problems.baseUrl, true)}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="url"
              value={form.baseUrl}
              placeholder={s.baseUrlPlaceholder}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(event) => onChange({ ...form, baseUrl: event.target.value })}
            />
          )}
        </Field>
      )}
      <Field label={s.apiKeyLabel} help={s.apiKeyHelp} problem={problemText(problems.apiKey)}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="password"
            value={form.apiKey}
            placeholder={keyPlaceholder}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => onChange({ ...form, apiKey: event.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
