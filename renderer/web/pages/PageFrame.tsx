import type { ReactNode } from 'react';
import './pages.css';

/** The frame every extra Control UI page shares: one h1, an optional refresh, then the page. */
export function PageFrame({ name, title, onRefresh, refreshing, children }: { name: string; title: string; onRefresh?: () => void; refreshing?: boolean; children: ReactNode }) {
  return (
    <main className={`view view--${name}`} aria-labelledby={`${name}-title`} data-testid={`page-${name}`}>
      <header className="view__header">
        <div className="view__titles">
          <h1 id={`${name}-title`} className="view__title">
            {title}
          </h1>
        </div>
        {onRefresh !== undefined && (
          <div className="view__aside">
            <button type="button" className="button button--small" onClick={onRefresh} disabled={refreshing}>
              Refresh
            </button>
          </div>
        )}
      </header>
      {children}
    </main>
  );
}

/** Text while the first answer is on its way, read politely. */
export function Loading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}
