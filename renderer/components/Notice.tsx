import type { ReactNode } from 'react';

export interface NoticeProps {
  tone: 'error' | 'warning' | 'info';
  children: ReactNode;
  /** Errors and warnings interrupt a screen reader (`role="alert"`); info is read politely. */
  live?: boolean;
  className?: string;
}

/** A message box: errors, the unencrypted-secrets warning, hints. */
export function Notice({ tone, children, live = true, className }: NoticeProps) {
  const role = !live ? undefined : tone === 'info' ? 'status' : 'alert';
  return (
    <div className={`notice notice--${tone}${className ? ` ${className}` : ''}`} role={role}>
      {children}
    </div>
  );
}
