import type { WizardStepView } from '../../../shared/ipc/contract';
import { Field } from '../../components/Field';
import { wizardStrings } from './wizard-strings';

/** What the person has entered for the current step, before it is sent. */
export type StepDraft = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'choice'; index: number } | { kind: 'choices'; indexes: number[] } | { kind: 'confirm'; value: boolean };

/** The draft a step starts with: its initial value, where it has one. */
export function initialDraft(step: WizardStepView): StepDraft {
  const options = step.options ?? [];
  switch (step.type) {
    case 'text':
      // A sensitive step never carries a value to show.
      return { kind: 'text', text: !step.sensitive && typeof step.initialValue === 'string' ? step.initialValue : '' };
    case 'select': {
      const index = options.findIndex((option) => option.value === step.initialValue);
      return { kind: 'choice', index: index >= 0 ? index : 0 };
    }
    case 'multiselect': {
      const initial = Array.isArray(step.initialValue) ? step.initialValue : [];
      return { kind: 'choices', indexes: options.flatMap((option, index) => (initial.includes(option.value) ? [index] : [])) };
    }
    case 'confirm':
      return { kind: 'confirm', value: step.initialValue === true };
    default:
      return { kind: 'none' };
  }
}

/** The value sent to the gateway for a draft (undefined: the step is answered with its id alone). */
export function draftValue(step: WizardStepView, draft: StepDraft): unknown {
  const options = step.options ?? [];
  switch (draft.kind) {
    case 'text':
      return draft.text;
    case 'choice':
      return options[draft.index]?.value;
    case 'choices':
      return draft.indexes.map((index) => options[index]?.value);
    case 'confirm':
      return draft.value;
    case 'none':
      return undefined;
  }
}

export interface WizardStepFieldsProps {
  step: WizardStepView;
  draft: StepDraft;
  onChange: (draft: StepDraft) => void;
  /** The gateway's reason for refusing the last answer to this step. */
  problem: string | undefined;
  disabled: boolean;
}

/** The inputs of one step: a text or password field, radio choices, check boxes, or nothing. */
/** Why the gateway refused the step's answer, read out as it appears. */
function StepProblem({ problem }: { problem: string | undefined }) {
  if (problem === undefined) return null;
  return (
    <p className="field__problem" role="alert">
      {problem}
    </p>
  );
}

export function WizardStepFields({ step, draft, onChange, problem, disabled }: WizardStepFieldsProps) {
  const options = step.options ?? [];
  const label = step.message ?? step.title ?? '';
  if (step.type === 'text' && draft.kind === 'text') {
    return (
      <Field label={label} problem={problem} {...(step.sensitive ? { help: wizardStrings.hiddenInput } : {})}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="wizard__input"
            type={step.sensitive ? 'password' : 'text'}
            value={draft.text}
            placeholder={step.placeholder}
            autoComplete={step.sensitive ? 'new-password' : 'off'}
            spellCheck={false}
            disabled={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            data-testid="wizard-text"
            onChange={(event) => onChange({ kind: 'text', text: event.target.value })}
          />
        )}
      </Field>
    );
  }
  if ((step.type === 'select' && draft.kind === 'choice') || (step.type === 'multiselect' && draft.kind === 'choices')) {
    const many = draft.kind === 'choices';
    return (
      <fieldset className="fieldset wizard__options" aria-invalid={problem !== undefined} disabled={disabled}>
        <legend className="wizard__question">{label}</legend>
        {options.map((option, index) => {
          const checked = draft.kind === 'choices' ? draft.indexes.includes(index) : draft.index === index;
          return (
            <label className="choice" key={`${index}-${option.label}`}>
              <input
                type={many ? 'checkbox' : 'radio'}
                name={`wizard-${step.id}`}
                checked={checked}
                onChange={() => {
                  if (draft.kind === 'choices') {
                    onChange({ kind: 'choices', indexes: checked ? draft.indexes.filter((at) => at !== index) : [...draft.indexes, index].sort((a, b) => a - b) });
                  } else onChange({ kind: 'choice', index });
                }}
              />
              <span className="choice__text">
                <span className="choice__label">{option.label}</span>
                {option.hint !== undefined && <span className="choice__help">{option.hint}</span>}
              </span>
            </label>
          );
        })}
        <StepProblem problem={problem} />
      </fieldset>
    );
  }
  if (step.type === 'confirm' && draft.kind === 'confirm') {
    return (
      <fieldset className="fieldset wizard__options" disabled={disabled}>
        <legend className="wizard__question">{label}</legend>
        {[true, false].map((value) => (
          <label className="choice" key={String(value)}>
            <input type="radio" name={`wizard-${step.id}`} checked={draft.value === value} onChange={() => onChange({ kind: 'confirm', value })} />
            <span className="choice__text">
              <span className="choice__label">{value ? wizardStrings.yes : wizardStrings.no}</span>
            </span>
          </label>
        ))}
        <StepProblem problem={problem} />
      </fieldset>
    );
  }
  // note, action: the message is the step.
  return (
    <>
      {step.message !== undefined && <p className="wizard__message">{step.message}</p>}
      <StepProblem problem={problem} />
    </>
  );
}
