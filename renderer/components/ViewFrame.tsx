import type { ReactNode } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { strings } from '../strings';
import { Notice } from './Notice';

export interface ViewFrameProps {
  /** Used for the heading id and the view's class. */
  name: string;
  title: string;
  bridge: GatehouseBridge | undefined;
  /** Beside the title (a count, a toggle). */
  aside?: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A window's page: a labelled <main> with its heading, and the no-bridge notice. */
export function ViewFrame({ name, title, bridge, aside, subtitle, children, className }: ViewFrameProps) {
  const headingId = `${name}-title`;
  return (
    <main className={`view view--${name}${className ? ` ${className}` : ''}`} aria-labelledby={headingId}>
      <header className="view__header">
        <div className="view__titles">
          <h1 id={headingId} className="view__title">
            {title}
          </h1>
          {subtitle !== undefined && <p className="view__subtitle">{subtitle}</p>}
        </div>
        {aside !== undefined && <div className="view__aside">{aside}</div>}
      </header>
      {bridge === undefined && <Notice tone="error">{strings.errors.bridgeMissing}</Notice>}
      {children}
    </main>
  );
}
