import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { adoptEarlySocket, discardEarlySocket, openEarlySocket, type SocketHandlers } from '../../../renderer/web/early-socket.js';

// Node 22's WebSocket is the browser's API, so the page's module runs here against a real server.
let server: WebSocketServer;
let url: string;
let closedOnServer: Promise<void>;

beforeEach(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  closedOnServer = new Promise((resolve) => {
    server.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n-1' } }));
      socket.on('message', (data) => socket.send(`echo:${String(data)}`));
      socket.on('close', () => resolve());
    });
  });
});

afterEach(async () => {
  discardEarlySocket();
  for (const client of server.clients) client.terminate();
  server.close();
});

function recorder() {
  const seen: string[] = [];
  const handlers: SocketHandlers = {
    open: () => seen.push('open'),
    message: (data) => seen.push(data),
    close: (code) => seen.push(`close:${code}`),
    error: () => seen.push('error'),
  };
  return { seen, handlers };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the gateway socket opened before the bundle has evaluated', () => {
  it('replays what arrived before it was adopted, in order, then reports live', async () => {
    openEarlySocket(url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { seen, handlers } = recorder();
    const socket = adoptEarlySocket(url, handlers);
    expect(socket).toBeDefined();
    // Nothing before the caller holds the socket, like one it had just made.
    expect(seen).toEqual([]);
    await until(() => seen.length >= 2);
    expect(seen).toEqual(['open', expect.stringContaining('connect.challenge')]);
    socket?.send('connect');
    await until(() => seen.length >= 3);
    expect(seen[2]).toBe('echo:connect');
  });

  it('adopted while still connecting, it reports open and the challenge as they come', async () => {
    openEarlySocket(url);
    const { seen, handlers } = recorder();
    expect(adoptEarlySocket(url, handlers)).toBeDefined();
    await until(() => seen.length >= 2);
    expect(seen).toEqual(['open', expect.stringContaining('connect.challenge')]);
  });

  it('is handed out once, and never for another address', async () => {
    openEarlySocket(url);
    await until(() => server.clients.size === 1);
    expect(adoptEarlySocket(`${url}other/`, recorder().handlers)).toBeUndefined();
    await closedOnServer;
    expect(adoptEarlySocket(url, recorder().handlers)).toBeUndefined();
  });

  it('a socket the gateway closed before adoption is not handed out', async () => {
    server.on('connection', (socket) => socket.close(1008, 'handshake timeout'));
    openEarlySocket(url);
    await closedOnServer;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(adoptEarlySocket(url, recorder().handlers)).toBeUndefined();
  });

  it('discarding closes it when the page will not connect', async () => {
    openEarlySocket(url);
    await until(() => server.clients.size === 1);
    discardEarlySocket();
    await closedOnServer;
    expect(adoptEarlySocket(url, recorder().handlers)).toBeUndefined();
  });
});
