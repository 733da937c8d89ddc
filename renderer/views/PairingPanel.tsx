import { useCallback, useState } from 'react';
import type { GatehouseBridge, PairingRequestView } from '../../shared/ipc/contract';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { isArrayOf, isRecord, useBridgeEvent, useLiveValue } from '../hooks/useLiveValue';
import { pairingKey, visiblePairingRequests } from '../state/pairing-list';
import { strings } from '../strings';
import { PairingRequestCard } from './PairingRequestCard';
import { SenderPairingList, useSenderRequests } from './SenderPairingList';

export interface PairingPanelProps {
  bridge: GatehouseBridge | undefined;
}

const isPairingList = isArrayOf<PairingRequestView>(
  (item) =>
    isRecord(item) &&
    (item['kind'] === 'device' || item['kind'] === 'node') &&
    typeof item['requestId'] === 'string' &&
    Array.isArray(item['scopes']) &&
    Array.isArray(item['commands']),
);
const loadPairing = (bridge: GatehouseBridge) => bridge.invoke('pairing:list');

/**
 * Device and node pairing requests in one list, each with Approve / Reject / Not now; below them
 * the chat senders (Telegram, Discord) waiting with a pairing code, when the gateway has channels.
 */
export function PairingPanel({ bridge }: PairingPanelProps) {
  const live = useLiveValue(bridge, 'pairing:changed', loadPairing, isPairingList);
  // "Not now" hides a request until the list changes; decided ones wait for main's next list.
  const [notNow, setNotNow] = useState<ReadonlySet<string>>(() => new Set());
  const [decided, setDecided] = useState<ReadonlySet<string>>(() => new Set());
  useBridgeEvent(bridge, 'pairing:changed', () => {
    setNotNow(new Set());
    setDecided(new Set());
  });

  const hide = useCallback((key: string) => setNotNow((previous) => new Set(previous).add(key)), []);
  const markDecided = useCallback((key: string) => setDecided((previous) => new Set(previous).add(key)), []);

  const all = live.status === 'ready' ? live.value.filter((request) => !decided.has(pairingKey(request))) : [];
  const shown = visiblePairingRequests(all, notNow);
  const hiddenCount = all.length - shown.length;
  const senders = useSenderRequests(bridge);
  const waiting = shown.length + senders.requests.length;

  return (
    <ViewFrame
      name="pairing"
      title={strings.pairing.title}
      subtitle={strings.pairing.intro}
      bridge={bridge}
      aside={waiting > 0 ? <span className="badge">{waiting}</span> : undefined}
    >
      {live.status === 'loading' && <p className="muted">{strings.common.loading}</p>}
      {live.status === 'failed' && bridge !== undefined && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      {live.status === 'ready' && waiting === 0 && <p className="empty">{strings.pairing.none}</p>}
      {shown.length > 0 && (
        <ul className="pairing-list" aria-label={strings.pairing.listLabel}>
          {shown.map((request) => (
            <li key={pairingKey(request)}>
              <PairingRequestCard bridge={bridge} request={request} onNotNow={hide} onDecided={markDecided} />
            </li>
          ))}
        </ul>
      )}
      {hiddenCount > 0 && <p className="muted">{strings.pairing.hiddenCount(hiddenCount)}</p>}
      <SenderPairingList bridge={bridge} requests={senders.requests} onDecided={senders.markDecided} />
    </ViewFrame>
  );
}
