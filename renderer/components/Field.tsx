import { useId, type ReactNode } from 'react';

export interface FieldProps {
  label: string;
  /** Shown under the control and linked with aria-describedby. */
  help?: ReactNode;
  problem?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled form control with optional help and a problem message tied to it. */
export function Field({ label, help, problem, children }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const describedBy = [help !== undefined ? helpId : '', problem !== undefined ? problemId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem !== undefined ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: problem !== undefined })}
      {help !== undefined && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
      {problem !== undefined && (
        <p id={problemId} className="field__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
