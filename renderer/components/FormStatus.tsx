import { useEffect, useState } from 'react';

export type FormStatusValue = { tone: 'ok' | 'error'; text: string } | undefined;

/**
 * A section's outcome line: "Saved" (read politely, then fades after a few seconds) or an
 * error (an alert, kept until the next attempt).
 */
export function FormStatus({ status, testId }: { status: FormStatusValue; testId?: string }) {
  const [shown, setShown] = useState(status);
  useEffect(() => {
    setShown(status);
    if (status?.tone !== 'ok') return;
    const timer = setTimeout(() => setShown(undefined), 4000);
    return () => clearTimeout(timer);
  }, [status]);
  if (shown?.tone === 'error') {
    return (
      <p className="form-status form-status--error" role="alert" data-testid={testId}>
        {shown.text}
      </p>
    );
  }
  return (
    <p className="form-status form-status--ok" role="status" data-testid={testId}>
      {shown?.text ?? ''}
    </p>
  );
}
