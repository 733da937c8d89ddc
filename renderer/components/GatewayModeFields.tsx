import type { GatewayForm, GatewayFormProblem } from '../state/settings-form';
import { strings } from '../strings';
import { Field } from './Field';

export interface GatewayModeFieldsProps {
  form: GatewayForm;
  onChange: (form: GatewayForm) => void;
  problems: Partial<Record<'remoteUrl' | 'port', GatewayFormProblem>>;
  /** A token is already saved for the remote gateway (so an empty field keeps it). */
  tokenSaved: boolean;
  /** Labels and help per choice; Settings and Onboarding word them differently. */
  choices: { local: string; localHelp?: string; remote: string; remoteHelp?: string };
  legend: string;
  disabled?: boolean;
}

/** Local gateway or a gateway at a URL (with its write-only token). */
export function GatewayModeFields({ form, onChange, problems, tokenSaved, choices, legend, disabled = false }: GatewayModeFieldsProps) {
  const s = strings.settings;
  const choice = (mode: GatewayForm['mode'], label: string, help: string | undefined) => (
    <label className="choice">
      <input
        type="radio"
        name="gateway-mode"
        value={mode}
        checked={form.mode === mode}
        disabled={disabled}
        onChange={() => onChange({ ...form, mode })}
      />
      <span className="choice__text">
        <span className="choice__label">{label}</span>
        {help !== undefined && <span className="choice__help">{help}</span>}
      </span>
    </label>
  );
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">{legend}</legend>
      {choice('local', choices.local, choices.localHelp)}
      {choice('remote', choices.remote, choices.remoteHelp)}
      {form.mode === 'remote' && (
        <div className="field-group field-group--nested">
          <Field label={s.urlLabel} problem={problems.remoteUrl && s.problems[problems.remoteUrl]}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="url"
                value={form.remoteUrl}
                placeholder={s.urlPlaceholder}
                autoComplete="off"
                spellCheck={false}
                disabled={disabled}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => onChange({ ...form, remoteUrl: event.target.value })}
              />
            )}
          </Field>
          <Field label={s.tokenLabel} help={s.tokenHelp}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="password"
                value={form.remoteToken}
                placeholder={tokenSaved ? s.tokenPlaceholderSaved : s.tokenPlaceholderNew}
                autoComplete="off"
                spellCheck={false}
                disabled={disabled}
                aria-describedby={describedBy}
                onChange={(event) => onChange({ ...form, remoteToken: event.target.value })}
              />
            )}
          </Field>
        </div>
      )}
    </fieldset>
  );
}
