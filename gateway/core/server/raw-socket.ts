import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * The net.Socket under a ws WebSocket, which ws keeps in its private `_socket` (ws 8 has no public
 * accessor). The gateway needs it for three things ws does not offer: corking a tick's frames into
 * one write (tick-cork.ts), seeing each chunk as it arrives (socket-reading.ts), and writing a
 * frame as parts (text-frame-writer.ts). The one place that reaches into ws, so that a ws upgrade
 * that moves the field fails one test (raw-socket.test.ts) rather than three features quietly.
 * Undefined until the connection is open (ws holds null there).
 */
export function rawSocketOf(ws: WebSocket): Socket | undefined {
  return (ws as unknown as { _socket?: Socket | null })._socket ?? undefined;
}
