import type WebSocket from 'ws';

export interface ReceiverLimits {
  maxPayload: number;
  maxBufferedChunks: number;
  maxFragments: number;
}

interface ReceiverInternals {
  _maxPayload?: unknown;
  _maxBufferedChunks?: unknown;
  _maxFragments?: unknown;
}

/**
 * Changes what one socket's WebSocket receiver accepts. `ws` takes these limits once, for the
 * whole server, and has no public per-socket setter; its Receiver reads them again at every
 * chunk and frame header (ws 8.23 lib/receiver.js: _write, haveLength, getData), so the server
 * starts every socket at the pre-auth limits and the connection raises them after hello-ok.
 * Returns false if this `ws` no longer has those fields; the socket then keeps the pre-auth
 * limits (and the payload-limit tests fail), it never gets larger ones by accident.
 */
export function setReceiverLimits(ws: WebSocket, limits: ReceiverLimits): boolean {
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver) return false;
  const { _maxPayload, _maxBufferedChunks, _maxFragments } = receiver;
  if (typeof _maxPayload !== 'number' || typeof _maxBufferedChunks !== 'number' || typeof _maxFragments !== 'number') return false;
  receiver._maxPayload = limits.maxPayload;
  receiver._maxBufferedChunks = limits.maxBufferedChunks;
  receiver._maxFragments = limits.maxFragments;
  return true;
}
