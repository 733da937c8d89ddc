import WebSocket from 'ws';

/** Sends a close frame and waits for the close handshake (`closed`); terminates after `graceMs`. */
export async function closePolitely(ws: WebSocket, closed: Promise<unknown>, graceMs: number): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return;
  const timer = setTimeout(() => ws.terminate(), graceMs);
  ws.close(1000);
  await closed;
  clearTimeout(timer);
}
