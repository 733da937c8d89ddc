/**
 * Chat senders in the Pairing panel over a scripted gateway: the list parsed with the protocol's
 * schema, oldest first; a decision only on a sender still waiting; an expired code explained;
 * `channels.pairing.requested` refreshing the list and asking for a notification.
 */
import { describe, expect, it } from 'vitest';
import type { SenderPairingListView } from '../../../shared/ipc/contract.js';
import { SENDER_GONE_MESSAGE, SenderPairingService } from '../../../client/channels/sender-pairing-service.js';
import { CHANNEL_METHODS, pairingList, senderRequest } from '../main/channel-fixtures.js';

function scripted({ methods = CHANNEL_METHODS, connected = true } = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const answers = new Map<string, unknown>([
    ['channels.pairing.list', pairingList([senderRequest({ requestId: 'LATER234', createdAt: '2026-01-01T10:30:00.000Z' }), senderRequest()])],
    ['channels.pairing.approve', { requestId: 'ABCD2345', senderId: '4242', notification: 'sent', commandOwnerBootstrap: 'not-requested' }],
    ['channels.pairing.dismiss', { requestId: 'ABCD2345', senderId: '4242' }],
  ]);
  const emitted: SenderPairingListView[] = [];
  let requested = 0;
  const service = new SenderPairingService({
    request: async (method, params) => {
      calls.push({ method, params });
      const answer = answers.get(method);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    connected: () => connected,
    methods: () => methods,
    emit: (view) => emitted.push(view),
    requested: () => (requested += 1),
  });
  return { service, calls, answers, emitted, requested: () => requested };
}

const ALICE = { channel: 'telegram', accountId: 'default', requestId: 'ABCD2345' };

describe('SenderPairingService', () => {
  it('lists waiting senders oldest first, with code, sender and times', async () => {
    const { service, emitted } = scripted();
    const view = await service.list();
    expect(view.state).toBe('ready');
    expect(view.requests.map((request) => request.code)).toEqual(['ABCD2345', 'LATER234']);
    expect(view.requests[0]).toEqual({
      requestId: 'ABCD2345',
      code: 'ABCD2345',
      channel: 'telegram',
      channelLabel: 'Telegram',
      accountId: 'default',
      senderId: '4242',
      senderLabel: 'Alice (@alice)',
      requestedAtMs: Date.parse('2026-01-01T10:00:00.000Z'),
      expiresAtMs: Date.parse('2026-01-01T11:00:00.000Z'),
    });
    expect(service.count).toBe(2);
    // Pushed once; an unchanged list is not pushed again.
    await service.list();
    expect(emitted).toHaveLength(1);
  });

  it('approves and dismisses with the gateway’s ids, then reads the list again', async () => {
    const { service, calls, answers } = scripted();
    expect(await service.approve(ALICE)).toEqual({ ok: true });
    expect(calls.map((call) => call.method)).toEqual(['channels.pairing.list', 'channels.pairing.approve', 'channels.pairing.list']);
    expect(calls[1]!.params).toEqual(ALICE);

    answers.set('channels.pairing.approve', { requestId: 'ABCD2345', senderId: '4242', notification: 'failed', commandOwnerBootstrap: 'not-requested' });
    expect((await service.approve(ALICE)).message).toMatch(/^Approved, but the sender could not be told/);
    expect(await service.dismiss(ALICE)).toEqual({ ok: true });
  });

  it('refuses a decision on a sender no longer waiting, and explains an expired code', async () => {
    const { service, calls, answers } = scripted();
    expect(await service.approve({ ...ALICE, requestId: 'ZZZZ9999' })).toEqual({ ok: false, message: SENDER_GONE_MESSAGE });
    expect(calls.map((call) => call.method)).toEqual(['channels.pairing.list']);

    answers.set('channels.pairing.dismiss', new Error('unknown or expired pairing request: ABCD2345'));
    expect(await service.dismiss(ALICE)).toEqual({ ok: false, message: SENDER_GONE_MESSAGE });
  });

  it('hides itself on a gateway without channel pairing, and asks nothing while offline', async () => {
    const bare = scripted({ methods: ['health'] });
    expect(await bare.service.list()).toEqual({ state: 'unsupported', requests: [] });
    expect(await bare.service.approve(ALICE)).toEqual({ ok: false, message: 'This gateway does not serve channels.pairing.approve.' });
    const offline = scripted({ connected: false });
    expect(await offline.service.list()).toEqual({ state: 'offline', requests: [] });
    expect([...bare.calls, ...offline.calls]).toEqual([]);
  });

  it('a new request asks for a notification and refreshes the list', async () => {
    const { service, emitted, requested } = scripted();
    service.onRequested(senderRequest());
    expect(requested()).toBe(1);
    await expect.poll(() => emitted.length).toBe(1);
    service.dispose();
    service.onRequested(senderRequest());
    expect(requested()).toBe(1);
  });
});
