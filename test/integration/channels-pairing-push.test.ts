/**
 * The tray's sender list is kept current by the gateway's events alone: a request shows as soon as
 * `channels.pairing.requested` arrives, and leaves on `channels.pairing.resolved` (decided from
 * another client here), with one list read per event and none in between — no polling.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SenderPairingListView } from '../../shared/ipc/contract.js';
import { SenderPairingService } from '../../client/channels/sender-pairing-service.js';
import { FakeTelegramBotApi } from '../fixtures/telegram-bot-api/index.js';
import { removeStateDir, startGateway, type GatewayProcess } from '../helpers/gateway-process.js';
import { connectClient, type Frame, type RawClient } from '../helpers/protocol-client.js';

const CAROL = { id: 6262, first_name: 'Carol', username: 'carol' };

describe('sender pairing in the tray, pushed by events', () => {
  let telegram: FakeTelegramBotApi;
  let gateway: GatewayProcess;
  let tray: RawClient;
  let other: RawClient;
  let methods: string[];

  beforeAll(async () => {
    telegram = await FakeTelegramBotApi.start();
    gateway = await startGateway({ config: JSON.stringify({ channels: { telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot } } }) });
    const connected = await connectClient(gateway.url, { token: gateway.token, client: { id: 'tray-under-test', mode: 'ui' } });
    tray = connected.client;
    methods = (connected.hello.features?.methods ?? []) as string[];
    other = (await connectClient(gateway.url, { token: gateway.token, client: { id: 'other-operator', mode: 'cli' } })).client;
    await telegram.waitForCall((call) => call.method === 'getUpdates');
  });
  afterAll(async () => {
    tray?.close();
    other?.close();
    await gateway?.stop();
    await telegram.close();
    if (gateway) removeStateDir(gateway.stateDir);
  });

  it('shows a new sender on the requested event and drops them on the resolved event, reading the list once per event', async () => {
    expect(methods).toContain('channels.pairing.list');
    const listCalls: number[] = [];
    const emitted: SenderPairingListView[] = [];
    let notified = 0;
    const service = new SenderPairingService({
      request: (method, params) => {
        if (method === 'channels.pairing.list') listCalls.push(Date.now());
        return tray.call(method, params);
      },
      connected: () => true,
      methods: () => methods,
      emit: (view) => emitted.push(view),
      requested: () => (notified += 1),
    });
    const showing = async (predicate: (view: SenderPairingListView) => boolean) => {
      for (let waited = 0; !(emitted.at(-1) && predicate(emitted.at(-1)!)); waited += 20) {
        if (waited > 10_000) throw new Error(`the list never changed as expected; last: ${JSON.stringify(emitted.at(-1))}`);
        await sleep(20);
      }
    };
    // Connected: the tray reads the list once.
    service.onConnectionChanged();
    await showing((view) => view.state === 'ready' && view.requests.length === 0);
    expect(listCalls).toHaveLength(1);

    const requested = tray.event('channels.pairing.requested', 10_000);
    telegram.inject({ chat: { id: CAROL.id, type: 'private' }, from: CAROL, text: 'hello?' });
    service.onRequested((await requested).payload as Parameters<SenderPairingService['onRequested']>[0]);
    await showing((view) => view.requests.some((request) => request.senderId === String(CAROL.id)));
    expect(notified).toBe(1);
    expect(listCalls).toHaveLength(2);
    const code = emitted.at(-1)!.requests[0]!.requestId;

    // Nothing happens: nothing is read.
    await sleep(1_500);
    expect(listCalls).toHaveLength(2);

    const resolved: Promise<Frame> = tray.event('channels.pairing.resolved', 10_000);
    await other.call('channels.pairing.approve', { channel: 'telegram', accountId: 'default', requestId: code, notify: false });
    service.onResolved((await resolved).payload as Parameters<SenderPairingService['onResolved']>[0]);
    await showing((view) => view.requests.length === 0);
    expect(listCalls).toHaveLength(3);
    service.dispose();
  });
});
