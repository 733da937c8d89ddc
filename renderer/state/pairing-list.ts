/**
 * The pairing panel's list: device and node requests together, oldest first, without the ones
 * the person chose "Not now" for. Those come back with the next `pairing:changed`.
 */
import type { PairingRequestView } from '../../shared/ipc/contract.js';

export function pairingKey(request: Pick<PairingRequestView, 'kind' | 'requestId'>): string {
  return `${request.kind}:${request.requestId}`;
}

export function visiblePairingRequests(
  list: readonly PairingRequestView[],
  notNow: ReadonlySet<string>,
): PairingRequestView[] {
  return list
    .filter((request) => !notNow.has(pairingKey(request)))
    .sort((a, b) => a.requestedAtMs - b.requestedAtMs || pairingKey(a).localeCompare(pairingKey(b)));
}

/** A long id cut to its ends, for people to compare with what the device shows. */
export function shortId(id: string, keep = 8): string {
  return id.length <= keep * 2 + 1 ? id : `${id.slice(0, keep)}…${id.slice(-keep)}`;
}
