import { useId } from 'react';
import type { GatehouseBridge, SenderPairingView } from '../../shared/ipc/contract';
import { channelStrings } from '../channel-strings';
import { InvisibleText } from '../components/InvisibleText';
import { Notice } from '../components/Notice';
import { formatRelativeTime } from '../format/relative-time';
import { useAction } from '../hooks/useAction';
import { useNow } from '../hooks/useNow';
import { strings } from '../strings';

export interface SenderPairingCardProps {
  bridge: GatehouseBridge | undefined;
  request: SenderPairingView;
  onDecided: (key: string) => void;
}

export function senderKey(request: Pick<SenderPairingView, 'channel' | 'accountId' | 'requestId'>): string {
  return `sender:${request.channel}:${request.accountId}:${request.requestId}`;
}

function Ago({ ms, now }: { ms: number; now: number }) {
  return <time dateTime={Number.isFinite(ms) ? new Date(ms).toISOString() : undefined}>{formatRelativeTime(ms, now)}</time>;
}

/** A Telegram/Discord sender who got a pairing code: who, where, the code, how long ago; Approve or Dismiss. */
export function SenderPairingCard({ bridge, request, onDecided }: SenderPairingCardProps) {
  const s = channelStrings.senders;
  const action = useAction<'approve' | 'dismiss'>(strings.pairing.actionFailed);
  const now = useNow(30_000);
  const titleId = useId();
  const key = senderKey(request);

  const decide = (which: 'approve' | 'dismiss'): void => {
    if (!bridge) return;
    const channel = which === 'approve' ? 'pairing:approveSender' : 'pairing:dismissSender';
    void action
      .run(which, () => bridge.invoke(channel, { channel: request.channel, accountId: request.accountId, requestId: request.requestId }))
      .then((ok) => ok && onDecided(key));
  };

  return (
    <article className="pairing" aria-labelledby={titleId} data-testid={`pairing-${key}`}>
      <header className="pairing__header">
        <h2 id={titleId} className="pairing__name">
          <InvisibleText text={request.senderLabel} />
        </h2>
        <span className="badge">{s.channelBadge(request.channelLabel)}</span>
      </header>
      <dl className="facts">
        <div className="facts__row">
          <dt>{s.codeLabel}</dt>
          <dd className="mono" data-testid="sender-code">
            {request.code}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{s.idLabel}</dt>
          <dd className="mono">{request.senderId}</dd>
        </div>
        {request.accountId !== 'default' && (
          <div className="facts__row">
            <dt>{s.accountLabel}</dt>
            <dd className="mono">{request.accountId}</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{s.requestedLabel}</dt>
          <dd>
            <Ago ms={request.requestedAtMs} now={now} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{s.expiresLabel}</dt>
          <dd>
            <Ago ms={request.expiresAtMs} now={now} />
          </dd>
        </div>
      </dl>
      <div className="pairing__actions">
        <button
          type="button"
          className="button button--primary"
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
          aria-busy={action.pending === 'dismiss'}
          onClick={() => decide('dismiss')}
        >
          {s.dismiss}
        </button>
      </div>
      {action.failure !== undefined && <Notice tone="error">{action.failure}</Notice>}
    </article>
  );
}
