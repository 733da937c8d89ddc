import { useCallback, useState } from 'react';
import type { GatehouseBridge, SenderPairingListView } from '../../shared/ipc/contract';
import { channelStrings } from '../channel-strings';
import { isRecord, useBridgeEvent } from '../hooks/useLiveValue';
import { usePolledValue } from '../hooks/usePolledValue';
import { senderKey, SenderPairingCard } from './SenderPairingCard';

/** Codes expire and decisions made elsewhere send no event: read the list again this often. */
export const SENDERS_REFRESH_MS = 15_000;

function isSenderList(value: unknown): value is SenderPairingListView {
  return isRecord(value) && (value['state'] === 'ready' || value['state'] === 'offline' || value['state'] === 'unsupported') && Array.isArray(value['requests']);
}

const loadSenders = (bridge: GatehouseBridge) => bridge.invoke('pairing:senders');

/** The waiting chat senders, oldest first; `undefined` until loaded and when the gateway has no channels. */
export function useSenderRequests(bridge: GatehouseBridge | undefined) {
  const { live } = usePolledValue(bridge, 'pairing:sendersChanged', loadSenders, isSenderList, SENDERS_REFRESH_MS);
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
