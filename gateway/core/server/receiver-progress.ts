import type WebSocket from 'ws';

interface ReceiverProgress {
  _totalPayloadLength?: unknown;
  _errored?: unknown;
}

/**
 * The length of the message one socket's receiver is in the middle of: the declared lengths of
 * its fragments so far, the current one included in full as soon as its header is read (ws 8.23
 * lib/receiver.js haveLength; reset to 0 when the message is emitted). 0 between messages, after
 * the receiver failed, or if this `ws` no longer has the field — the budget then admits every
 * message, as before it existed (and its tests fail).
 */
export function messageBytesInProgress(ws: WebSocket): number {
  const receiver = (ws as unknown as { _receiver?: ReceiverProgress })._receiver;
  if (!receiver || receiver._errored === true) return 0;
  const total = receiver._totalPayloadLength;
  return typeof total === 'number' ? total : 0;
}

