/**
 * The gateway socket, opened by early-start.ts while the rest of the bundle still evaluates and
 * handed to the session's first connect. The TCP and WebSocket handshakes and the gateway's
 * challenge then overlap with that evaluation (a few hundred milliseconds on a slow machine)
 * instead of following it. What the socket reports before the session takes it is kept and
 * replayed in order, so the reference client sees what a socket it had just made would report.
 */
export interface SocketHandlers {
  open: () => void;
  message: (data: string) => void;
  close: (code: number, reason: string) => void;
  error: (error: Error) => void;
}

type Report = { kind: 'open' } | { kind: 'message'; data: string } | { kind: 'close'; code: number; reason: string } | { kind: 'error' };

interface EarlySocket {
  url: string;
  socket: WebSocket;
  reports: Report[];
  deliver?: (report: Report) => void;
}

let early: EarlySocket | undefined;

export function openEarlySocket(url: string): void {
  if (early !== undefined) return;
  const record: EarlySocket = { url, socket: new WebSocket(url), reports: [] };
  const report = (entry: Report): void => {
    if (record.deliver === undefined) record.reports.push(entry);
    else record.deliver(entry);
  };
  record.socket.addEventListener('open', () => report({ kind: 'open' }));
  record.socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') report({ kind: 'message', data: event.data });
  });
  record.socket.addEventListener('close', (event) => report({ kind: 'close', code: event.code, reason: event.reason }));
  record.socket.addEventListener('error', () => report({ kind: 'error' }));
  early = record;
}

/**
 * The early socket to `url` with `handlers` attached, once. Undefined when none was opened, it
 * is for another address, or it has already closed: the caller then opens its own.
 */
export function adoptEarlySocket(url: string, handlers: SocketHandlers): WebSocket | undefined {
  const record = early;
  early = undefined;
  if (record === undefined) return undefined;
  if (record.url !== url || record.socket.readyState === WebSocket.CLOSING || record.socket.readyState === WebSocket.CLOSED) {
    record.socket.close();
    return undefined;
  }
  const deliver = (entry: Report): void => {
    if (entry.kind === 'open') handlers.open();
    else if (entry.kind === 'message') handlers.message(entry.data);
    else if (entry.kind === 'close') handlers.close(entry.code, entry.reason);
    else handlers.error(new Error('the WebSocket to the gateway failed'));
  };
  // After the caller holds the socket, as with one it had just made; socket events are tasks, so
  // none can slip in between this microtask's replay and `deliver` taking over.
  queueMicrotask(() => {
    for (const entry of record.reports.splice(0)) deliver(entry);
    record.deliver = deliver;
  });
  return record.socket;
}

/** Closes the early socket when the page will not connect with it (no credentials yet). */
export function discardEarlySocket(): void {
  early?.socket.close();
  early = undefined;
}
