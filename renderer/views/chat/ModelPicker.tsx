import { useId } from 'react';
import type { ModelView } from '../../../shared/ipc/contract';
import { strings } from '../../strings';

export interface ModelPickerProps {
  models: readonly ModelView[];
  /** The session's model ref; none means the gateway's default. */
  value: string | undefined;
  onChange: (model: string) => void;
  disabled: boolean;
}

export function ModelPicker({ models, value, onChange, disabled }: ModelPickerProps) {
  const id = useId();
  const known = value === undefined || models.some((model) => model.ref === value);
  return (
    <div className="model-picker">
      <label htmlFor={id}>{strings.chat.modelLabel}</label>
      <select id={id} value={value ?? ''} disabled={disabled || models.length === 0} onChange={(event) => onChange(event.target.value)}>
        {value === undefined && <option value="">{models.length === 0 ? strings.chat.noModels : strings.chat.defaultModel}</option>}
        {!known && <option value={value}>{value}</option>}
        {models.map((model) => (
          <option key={model.ref} value={model.ref}>
            {model.name} ({model.provider})
          </option>
        ))}
      </select>
    </div>
  );
}
