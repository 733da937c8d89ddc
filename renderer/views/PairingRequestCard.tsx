import { useId } from 'react';
import type { GatehouseBridge, PairingRequestView } from '../../shared/ipc/contract';
import { InvisibleText } from '../components/InvisibleText';
import { Notice } from '../components/Notice';
import { formatRelativeTime } from '../format/relative-time';
import { useAction } from '../hooks/useAction';
import { useNow } from '../hooks/useNow';
import { pairingKey, shortId } from '../state/pairing-list';
import { strings } from '../strings';

export interface PairingRequestCardProps {
  bridge: GatehouseBridge | undefined;
  request: PairingRequestView;
  onNotNow: (key: string) => void;
  onDecided: (key: string) => void;
}

function isoTime(ms: number): string | undefined {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function List({ items }: { items: readonly string[] }) {
  if (items.length === 0) return <>{strings.pairing.noneListed}</>;
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item} className="chip mono">
          {item}
        </li>
      ))}
    </ul>
  );
}

export function PairingRequestCard({ bridge, request, onNotNow, onDecided }: PairingRequestCardProps) {
  const s = strings.pairing;
  const action = useAction<'approve' | 'reject'>(s.actionFailed);
  const now = useNow(30_000);
  const titleId = useId();
  const key = pairingKey(request);

  const decide = (which: 'approve' | 'reject'): void => {
    if (!bridge) return;
    const channel = which === 'approve' ? 'pairing:approve' : 'pairing:reject';
    void action
      .run(which, () => bridge.invoke(channel, { kind: request.kind, requestId: request.requestId }))
      .then((ok) => ok && onDecided(key));
  };

  return (
    <article className="pairing" data-elevated={request.elevated} aria-labelledby={titleId} data-testid={`pairing-${key}`}>
      <header className="pairing__header">
        <h2 id={titleId} className="pairing__name">
          <InvisibleText text={request.name} />
        </h2>
        <span className="badge">{s.kind[request.kind]}</span>
        {request.elevated && <span className="badge badge--danger">{s.elevatedBadge}</span>}
      </header>
      {request.elevated && <Notice tone="warning" live={false}>{request.kind === 'device' ? s.elevatedDevice : s.elevatedNode}</Notice>}
      <dl className="facts">
        {request.platform !== undefined && (
          <div className="facts__row">
            <dt>{s.platformLabel}</dt>
            <dd>{request.platform}</dd>
          </div>
        )}
        {request.address !== undefined && (
          <div className="facts__row">
            <dt>{s.addressLabel}</dt>
            <dd className="mono">{request.address}</dd>
          </div>
        )}
        {request.role !== undefined && (
          <div className="facts__row">
            <dt>{s.roleLabel}</dt>
            <dd>{request.role}</dd>
          </div>
        )}
        {(request.kind === 'device' || request.scopes.length > 0) && (
          <div className="facts__row">
            <dt>{s.scopesLabel}</dt>
            <dd>
              <List items={request.scopes} />
            </dd>
          </div>
        )}
        {(request.kind === 'node' || request.commands.length > 0) && (
          <div className="facts__row">
            <dt>{s.commandsLabel}</dt>
            <dd>
              <List items={request.commands} />
            </dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{s.idLabel}</dt>
          <dd className="mono" title={request.subjectId}>
            {shortId(request.subjectId)}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{s.requestedLabel}</dt>
          <dd>
            <time dateTime={isoTime(request.requestedAtMs)}>{formatRelativeTime(request.requestedAtMs, now)}</time>
          </dd>
        </div>
      </dl>
      <div className="pairing__actions">
        <button
          type="button"
          className={`button ${request.elevated ? 'button--warning' : 'button--primary'}`}
          disabled={!bridge || action.pending !== undefined}
          aria-busy={action.pending === 'approve'}
          onClick={() => decide('approve')}
        >
          {s.approve}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={!bridge || action.pending !== undefined}
          aria-busy={action.pending === 'reject'}
          onClick={() => decide('reject')}
        >
          {s.reject}
        </button>
        <button type="button" className="button button--quiet" disabled={action.pending !== undefined} onClick={() => onNotNow(key)}>
          {s.notNow}
        </button>
      </div>
      {action.failure !== undefined && <Notice tone="error">{action.failure}</Notice>}
    </article>
  );
}
