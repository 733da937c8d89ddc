import type WebSocket from 'ws';

type ErrorListener = (this: unknown, error: Error) => void;

interface EmitterInternals {
  listeners(event: 'error'): ErrorListener[];
  removeListener(event: 'error', listener: ErrorListener): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

/**
 * When `ws`'s receiver refuses a frame (1009 over maxPayload, 1002 a protocol error, 1008 too
 * many chunks or fragments), ws closes the socket itself: its receiverOnError sends the close
 * frame synchronously and only then emits 'error' (ws 8.23 lib/websocket.js), so answers this
 * client is still owed could no longer be sent. This puts `decide` in front of that listener:
 * it gets the error and `proceed`, which runs ws's own handling (stop reading, send the close
 * frame with the receiver's code) whenever the caller is ready. The receiver is already failed
 * and reads nothing more meanwhile. Returns false, leaving ws as it is, if the receiver does not
 * have exactly ws's one 'error' listener.
 */
export function interceptReceiverErrors(ws: WebSocket, decide: (error: Error, proceed: () => void) => void): boolean {
  const receiver = (ws as unknown as { _receiver?: EmitterInternals })._receiver;
  if (!receiver || typeof receiver.listeners !== 'function') return false;
  const listeners = receiver.listeners('error');
  const wsHandler = listeners[0];
  if (listeners.length !== 1 || !wsHandler) return false;
  receiver.removeListener('error', wsHandler);
  receiver.on('error', (error) => {
    let done = false;
    decide(error, () => {
      if (done) return;
      done = true;
      wsHandler.call(receiver, error);
    });
  });
  return true;
}
