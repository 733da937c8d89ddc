import { once } from 'node:events';
import { Socket, type AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { rawSocketOf } from '../../../gateway/core/server/raw-socket.js';

let server: WebSocketServer | undefined;
afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('rawSocketOf (the net.Socket under a ws WebSocket)', () => {
  it('is the socket the connection’s bytes travel on, on both ends', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
    expect(rawSocketOf(client)).toBeUndefined();
    await once(client, 'open');
    const [serverSide] = await accepted;

    const serverSocket = rawSocketOf(serverSide);
    const clientSocket = rawSocketOf(client);
    expect(serverSocket).toBeInstanceOf(Socket);
    expect(clientSocket).toBeInstanceOf(Socket);
    expect(serverSocket?.remotePort).toBe(clientSocket?.localPort);

    // An unmasked text frame written on the server's socket arrives as a message at the client.
    const message = once(client, 'message') as Promise<[Buffer, boolean]>;
    serverSocket?.write(Buffer.from([0x81, 2, 0x68, 0x69]));
    const [data, isBinary] = await message;
    expect(isBinary).toBe(false);
    expect(String(data)).toBe('hi');
    client.terminate();
  });
});
