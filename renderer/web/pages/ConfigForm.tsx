import { useMemo, useState } from 'react';
import { configSections, fieldProblem, fieldText, secretIsSet, type ConfigField, type ConfigSection } from '../../../client/config-editor/config-form';
import type { ConfigSchemaResult } from '../../../shared/protocol/config/results';
import { Field } from '../../components/Field';

export interface ConfigFormProps {
  schema: ConfigSchemaResult;
  config: Record<string, unknown>;
  changes: ReadonlyMap<string, string>;
  onChange: (field: ConfigField, text: string | undefined) => void;
}

function FieldInput({ field, text, secretSet, onChange }: { field: ConfigField; text: string; secretSet: boolean; onChange: (text: string) => void }) {
  const problem = fieldProblem(field, text) ?? undefined;
  const help = [field.help, field.secret ? (secretSet ? 'A secret is set: leave empty to keep it.' : 'No secret set.') : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <Field label={field.label} help={help} problem={problem}>
      {({ id, describedBy, invalid }) =>
        field.kind === 'choice' || field.kind === 'yes-no' ? (
          <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={text} onChange={(event) => onChange(event.target.value)} data-path={field.id}>
            <option value="">(not set)</option>
            {(field.kind === 'yes-no' ? ['true', 'false'] : (field.options ?? [])).map((option) => (
              <option key={option} value={option}>
                {field.kind === 'yes-no' ? (option === 'true' ? 'Yes' : 'No') : option}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            type={field.secret ? 'password' : 'text'}
            inputMode={field.kind === 'text' ? undefined : 'decimal'}
            autoComplete="off"
            placeholder={field.secret && secretSet ? '•••••••• (kept)' : ''}
            value={text}
            onChange={(event) => onChange(event.target.value)}
            data-path={field.id}
          />
        )
      }
    </Field>
  );
}

/** The form over `config.schema`: pick a section, edit its settings; changed fields are marked. */
export function ConfigForm({ schema, config, changes, onChange }: ConfigFormProps) {
  const sections: ConfigSection[] = useMemo(() => configSections(schema.schema, schema.uiHints), [schema]);
  const [open, setOpen] = useState(sections[0]?.key ?? '');
  const [advanced, setAdvanced] = useState(false);
  const section = sections.find((candidate) => candidate.key === open);
  if (sections.length === 0) return <p className="muted">The schema names no settings the form can edit: use the raw editor.</p>;
  return (
    <div className="config-form" data-testid="config-form">
      <div className="page-toolbar">
        <label htmlFor="config-section">Section</label>
        <select id="config-section" value={open} onChange={(event) => setOpen(event.target.value)}>
          {sections.map((candidate) => (
            <option key={candidate.key} value={candidate.key}>
              {candidate.label}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={advanced} onChange={(event) => setAdvanced(event.target.checked)} /> Show advanced settings
        </label>
      </div>
      {section?.help !== undefined && <p className="muted">{section.help}</p>}
      <div className="config-form__fields">
        {section?.fields
          .filter((field) => advanced || !field.advanced)
          .map((field) => {
            const original = fieldText(config, field);
            const text = changes.get(field.id) ?? original;
            return (
              <div key={field.id} className={changes.has(field.id) ? 'config-form__changed' : undefined}>
                <FieldInput field={field} text={text} secretSet={secretIsSet(config, field)} onChange={(next) => onChange(field, next === original && !field.secret ? undefined : next === '' && field.secret ? undefined : next)} />
                <p className="muted mono config-form__path">{field.id}</p>
              </div>
            );
          })}
      </div>
    </div>
  );
}
