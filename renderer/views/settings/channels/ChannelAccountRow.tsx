import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ChannelAccountView, ChannelsView, ChatChannelView, GatehouseBridge } from '../../../../shared/ipc/contract';
import { channelStrings } from '../../../channel-strings';
import { FormStatus, type FormStatusValue } from '../../../components/FormStatus';
import { formatRelativeTime } from '../../../format/relative-time';
import { useAction } from '../../../hooks/useAction';
import { useNow } from '../../../hooks/useNow';
import { lastSeen, presentAccount } from '../../../state/channel-health';
import { strings } from '../../../strings';

export interface ChannelAccountRowProps {
  bridge: GatehouseBridge | undefined;
  channel: ChatChannelView;
  account: ChannelAccountView;
  actions: ChannelsView['actions'];
  onChanged: () => Promise<void>;
}

function When({ ms, now }: { ms: number | null; now: number }) {
  const at = lastSeen(ms);
  if (at === undefined) return <>{channelStrings.never}</>;
  return <time dateTime={new Date(at).toISOString()}>{formatRelativeTime(at, now)}</time>;
}

/** One account: its state and what it means, its last error and messages, and its actions. */
export function ChannelAccountRow({ bridge, channel, account, actions, onChanged }: ChannelAccountRowProps) {
  const s = channelStrings;
  const shown = presentAccount(account, actions);
  const action = useAction<'start' | 'stop' | 'logout'>();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<FormStatusValue>(undefined);
  const now = useNow(15_000);
  const nameId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const logoutRef = useRef<HTMLButtonElement>(null);
  const ref = { channel: channel.id, accountId: account.accountId };

  useEffect(() => {
    if (action.failure !== undefined) setStatus({ tone: 'error', text: action.failure });
  }, [action.failure]);
  // Before paint, not in an effect: Preact runs effects after the frame, and an Escape pressed as
  // the dialog appeared went to the button behind it and left the dialog open.
  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const run = async (which: 'start' | 'stop' | 'logout'): Promise<void> => {
    if (!bridge) return;
    setStatus(undefined);
    const channelName = which === 'start' ? 'channels:start' : which === 'stop' ? 'channels:stop' : 'channels:logout';
    const ok = await action.run(which, () => bridge.invoke(channelName, ref));
    if (which === 'logout') {
      setConfirming(false);
      logoutRef.current?.focus();
      if (ok) setStatus({ tone: 'ok', text: s.loggedOut });
    }
    if (ok) await onChanged();
  };
  const cancel = (): void => {
    setConfirming(false);
    logoutRef.current?.focus();
  };

  return (
    <div className="channel-account" role="group" aria-labelledby={nameId} data-health={account.health} data-testid={`channel-account-${channel.id}-${account.accountId}`}>
      <div className="channel-account__header">
        <span id={nameId} className="channel-account__name">
          {s.accountName(account.accountId, account.isDefault)}
        </span>
        <span className={`health health--${shown.tone}`} data-testid="channel-health">
          {shown.label}
        </span>
      </div>
      <p className="hint" data-testid="channel-explain">
        {shown.explain}
      </p>
      <dl className="facts">
        <div className="facts__row">
          <dt>{s.tokenFact}</dt>
          <dd data-testid="channel-token">{s.tokenState(account.token === 'set', account.tokenSource)}</dd>
        </div>
        {account.lastError !== undefined && (
          <div className="facts__row">
            <dt>{s.lastError}</dt>
            <dd className="channel-account__error" data-testid="channel-last-error">
              {account.lastError}
            </dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{s.lastInbound}</dt>
          <dd data-testid="channel-last-in">
            <When ms={account.lastInboundAt} now={now} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{s.lastOutbound}</dt>
          <dd data-testid="channel-last-out">
            <When ms={account.lastOutboundAt} now={now} />
          </dd>
        </div>
      </dl>
      {account.probe !== undefined && (
        <p className={account.probe.ok ? 'hint' : 'channel-account__error'} data-testid="channel-probe">
          {account.probe.ok ? s.probeOk : s.probeFailed(account.probe.detail)}
        </p>
      )}
      {(shown.canStart || shown.canStop || shown.canLogout) && (
        <div className="form-actions">
          {shown.canStart && (
            <button type="button" className="button button--small" aria-busy={action.pending === 'start'} disabled={!bridge || action.pending !== undefined} onClick={() => void run('start')}>
              {s.start}
            </button>
          )}
          {shown.canStop && (
            <button type="button" className="button button--small" aria-busy={action.pending === 'stop'} disabled={!bridge || action.pending !== undefined} onClick={() => void run('stop')}>
              {s.stop}
            </button>
          )}
          {shown.canLogout && (
            <button ref={logoutRef} type="button" className="button button--small" aria-expanded={confirming} disabled={!bridge || action.pending !== undefined} onClick={() => setConfirming(true)}>
              {s.logout}
            </button>
          )}
          <FormStatus status={status} />
        </div>
      )}
      {confirming && (
        <div
          className="confirm"
          role="alertdialog"
          aria-label={s.logoutConfirmAction}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <p>{s.logoutConfirm(channel.label, account.accountId)}</p>
          <div className="form-actions">
            <button ref={confirmRef} type="button" className="button button--danger" aria-busy={action.pending === 'logout'} onClick={() => void run('logout')}>
              {s.logoutConfirmAction}
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              {strings.common.cancel}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
