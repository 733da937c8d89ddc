import { useCallback, useState } from 'react';
import type { GatehouseBridge, SenderPairingListView } from '../../shared/ipc/contract';
import { channelStrings } from '../channel-strings';
import { isRecord, useBridgeEvent, useLiveValue } from '../hooks/useLiveValue';
import { senderKey, SenderPairingCard } from './SenderPairingCard';

// No polling: main (and the browser's bridge) push pairing:sendersChanged on channels.pairing.requested
// and .resolved (approved, dismissed or expired, wherever) and after every reconnect.

function isSenderList(value: unknown): value is SenderPairingListView {
  return isRecord(value) && (value['state'] === 'ready' || value['state'] === 'offline' || value['state'] === 'unsupported') && Array.isArray(value['requests']);
}

const loadSenders = (bridge: GatehouseBridge) => bridge.invoke('pairing:senders');

/** The waiting chat senders, oldest first; `undefined` until loaded and when the gateway has no channels. */
export function useSenderRequests(bridge: GatehouseBridge | undefined) {
  const live = useLiveValue(bridge, 'pairing:sendersChanged', loadSenders, isSenderList);
  const [decided, setDecided] = useState<ReadonlySet<string>>(() => new Set());
  const markDecided = useCallback((key: string) => setDecided((previous) => new Set(previous).add(key)), []);
  // A new list from main already leaves out what was decided.
  useBridgeEvent(bridge, 'pairing:sendersChanged', () => setDecided(new Set()));
  const requests = live.status === 'ready' && live.value.state === 'ready' ? live.value.requests.filter((request) => !decided.has(senderKey(request))) : [];
  return { supported: live.status === 'ready' && live.value.state === 'ready', requests, markDecided };
}

export function SenderPairingList({ bridge, requests, onDecided }: { bridge: GatehouseBridge | undefined; requests: SenderPairingListView['requests']; onDecided: (key: string) => void }) {
  const s = channelStrings.senders;
  if (requests.length === 0) return null;
  return (
    <section className="pairing-group" aria-labelledby="pairing-senders">
      <h2 id="pairing-senders" className="section-title">
        {s.title}
      </h2>
      <p className="muted">{s.intro}</p>
      <ul className="pairing-list" aria-label={s.listLabel}>
        {requests.map((request) => (
          <li key={senderKey(request)}>
            <SenderPairingCard bridge={bridge} request={request} onDecided={onDecided} />
          </li>
        ))}
      </ul>
    </section>
  );
}
